package dev.nifiocr.processors;

import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processors see the client service through its API only; the implementation is named for @SeeAlso, by class name. The
 * request package, which processors use, knows no processor.
 */
class ProcessorBoundariesTest {

    private static final Path PROCESSORS = Path.of("src/main/java/dev/nifiocr/processors");
    private static final Path REQUEST = Path.of("src/main/java/dev/nifiocr/request");

    @Test
    void processorsImportNoServiceImplementation() throws IOException {
        final List<Path> sources = sources(PROCESSORS);
        assertTrue(sources.size() > 10, sources.toString());
        for (final Path source : sources) {
            assertNoServiceImplementationImport(source);
            assertFalse(Files.readString(source).contains("StandardTencentCloudClientService."), source.getFileName() + " reaches into the implementation");
        }
    }

    @Test
    void seeAlsoNamesTheServiceImplementationThatExists() {
        assertEquals(StandardTencentCloudClientService.class.getName(), ServiceImplementation.CLASS_NAME);
        for (final Class<?> processor : List.of(InvokeTencentOCR.class, EncryptOCRPayload.class)) {
            assertEquals(List.of(ServiceImplementation.CLASS_NAME), List.of(processor.getAnnotation(SeeAlso.class).classNames()), processor.getSimpleName());
        }
    }

    @Test
    void requestKnowsNoProcessorNorTheServiceImplementation() throws IOException {
        final List<Path> sources = sources(REQUEST);
        assertTrue(sources.size() > 5, sources.toString());
        for (final Path source : sources) {
            assertNoServiceImplementationImport(source);
            assertFalse(Files.readString(source).contains("dev.nifiocr.processors"), source.getFileName() + " knows the processors package");
        }
    }

    private static List<Path> sources(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }

    private static void assertNoServiceImplementationImport(final Path source) throws IOException {
        final List<String> imports = Files.readAllLines(source).stream()
                .filter(line -> line.startsWith("import dev.nifiocr.service.") && !line.startsWith("import dev.nifiocr.service.api."))
                .toList();
        assertTrue(imports.isEmpty(), source.getFileName() + " imports " + imports);
    }
}
