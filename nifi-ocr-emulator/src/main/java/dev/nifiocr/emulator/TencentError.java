package dev.nifiocr.emulator;

/** An answer the emulator gives as Tencent's error envelope: the code and message Tencent would send for this input. */
final class TencentError extends Exception {

    private final String code;

    TencentError(final String code, final String message) {
        super(message);
        this.code = code;
    }

    TencentError(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    String code() {
        return code;
    }
}
