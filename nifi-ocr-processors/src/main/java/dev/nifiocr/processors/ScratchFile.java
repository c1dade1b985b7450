package dev.nifiocr.processors;

import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary file for a document being split, so a long document does not sit in the heap. */
final class ScratchFile {

    private ScratchFile() {
    }

    static Path create() {
        try {
            return Files.createTempFile("nifi-ocr-split-", ".document");
        } catch (final IOException e) {
            throw new ProcessException("No scratch file could be created for the document", e);
        }
    }

    static void delete(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // the temporary directory is cleaned by the operating system
        }
    }
}
