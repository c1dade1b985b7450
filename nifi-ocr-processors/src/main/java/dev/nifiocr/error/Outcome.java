package dev.nifiocr.error;

/** Where a FlowFile goes after a call. */
public enum Outcome {
    SUCCESS,
    RETRY,
    FAILURE
}
