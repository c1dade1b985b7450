/** The account's request rate limits on this node: one shared limiter and one per Action, each at this node's share. */
package dev.nifiocr.ratelimit;
