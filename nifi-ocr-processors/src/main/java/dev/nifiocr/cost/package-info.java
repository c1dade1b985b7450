/** What Tencent bills ({@code Billing}) and the account's daily budgets of billable calls, counted for the whole cluster. */
package dev.nifiocr.cost;
