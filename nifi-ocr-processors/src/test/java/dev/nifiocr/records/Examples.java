package dev.nifiocr.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Tencent's documented example answers, one file each in the emulator's fixtures: Action-n.json. */
final class Examples {

    private Examples() {
    }

    /** Every example answer's file name, e.g. RecognizeGeneralInvoice-1.json, in name order. */
    static List<String> all() {
        try (Stream<Path> files = Files.list(Path.of(Examples.class.getResource("/fixtures").toURI()))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("[A-Z][A-Za-z0-9]+-\\d+\\.json"))
                    .sorted()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String action(final String example) {
        return example.substring(0, example.lastIndexOf('-'));
    }
}
