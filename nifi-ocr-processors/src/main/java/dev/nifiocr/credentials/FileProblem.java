package dev.nifiocr.credentials;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Why a credentials file (profile, OIDC token) could not be read, in the words an operator fixes it by, never a class name. */
final class FileProblem {

    private FileProblem() {
    }

    static String describe(final Path file, final IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file on this node";
        }
        if (e instanceof AccessDeniedException) {
            return "the NiFi user [%s] may not read it".formatted(System.getProperty("user.name"));
        }
        if (Files.isDirectory(file)) {
            return "it is a directory";
        }
        final String message = e.getMessage();
        return message == null || message.isBlank() || message.equals(file.toString()) ? "it cannot be read" : message;
    }
}
