package dev.nifiocr.client;

import java.io.IOException;

/** The answer parser's entry point for the fuzz test, which lives outside the package that keeps ResponseEnvelope to itself. */
public final class EnvelopeEntryPoint {

    private EnvelopeEntryPoint() {
    }

    public static void parse(final byte[] body) throws IOException {
        ResponseEnvelope.parse(body);
    }
}
