package dev.nifiocr.service;

/** What a facet holds only while the service is enabled; asking for it otherwise is a caller's error. */
final class Enabled {

    private Enabled() {
    }

    /** The value, or IllegalStateException when the service is not enabled (the value is null). */
    static <T> T require(final T value) {
        if (value == null) {
            throw new IllegalStateException("Tencent Cloud client service is not enabled");
        }
        return value;
    }
}
