/** Signs and posts one API 3.0 call over OkHttp with the credentials it is handed, and reads the answer within bounds. */
package dev.nifiocr.client;
