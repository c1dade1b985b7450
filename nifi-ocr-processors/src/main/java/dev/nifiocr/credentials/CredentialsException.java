package dev.nifiocr.credentials;

/**
 * No usable credentials could be had from a source. The message names the source and what went wrong, never a key or token.
 */
public class CredentialsException extends RuntimeException {

    public CredentialsException(final String message) {
        super(message);
    }

    public CredentialsException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
