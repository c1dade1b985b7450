package dev.nifiocr.processors;

import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The floor plan, held by tests: processors see the client service through its API only (the implementation is named
 * for @SeeAlso, by class name); which package may import which; no package imports one that imports it back; one class
 * writes the error attributes, one looks Actions up by name; no processor over 300 lines.
 */
class ProcessorBoundariesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/nifiocr");
    private static final Path PROCESSORS = MAIN.resolve("processors");
    private static final Path REQUEST = MAIN.resolve("request");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.nifiocr\\.([a-z]+(?:\\.api)?)\\.", Pattern.MULTILINE);
    // a qualified name used in code: lower-case package parts, then a type
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:java|javax|org|com|dev|okhttp3|okio)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    /** The packages each package may import (besides itself): the rules of the rooms, one per package. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("processors", Set.of("cache", "cost", "crypto", "document", "error", "image", "migration", "parsing", "request", "service.api")),
            Map.entry("service", Set.of("client", "cluster", "cost", "credentials", "crypto", "migration", "ratelimit", "service.api")),
            Map.entry("request", Set.of("document", "error", "net", "parsing", "service.api")),
            Map.entry("document", Set.of("error", "image", "parsing", "service.api")),
            Map.entry("client", Set.of("error", "net", "service.api", "signer")),
            Map.entry("credentials", Set.of("service.api", "signer")),
            Map.entry("cost", Set.of("cluster", "error")),
            Map.entry("image", Set.of("error", "parsing")),
            Map.entry("parsing", Set.of("error")),
            Map.entry("crypto", Set.of("service.api")),
            Map.entry("signer", Set.of("service.api")),
            Map.entry("error", Set.of("service.api")),
            Map.entry("ratelimit", Set.of("cluster")),
            // leaves: each stands on NiFi and third-party libraries only
            Map.entry("cache", Set.of()),
            Map.entry("cluster", Set.of()),
            Map.entry("records", Set.of()),
            Map.entry("migration", Set.of()),
            Map.entry("net", Set.of()));

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

    @Test
    void packagesImportOnlyWhatTheirRulesAllow() throws IOException {
        final Map<String, Set<String>> graph = packageGraph();
        // a new package states its room here before it lands
        try (Stream<Path> packages = Files.list(MAIN)) {
            assertEquals(new TreeSet<>(MAY_IMPORT.keySet()), packages.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)), "packages with a rule");
        }
        MAY_IMPORT.forEach((pkg, allowed) -> {
            final Set<String> extra = new TreeSet<>(graph.getOrDefault(pkg, Set.of()));
            extra.removeAll(allowed);
            assertTrue(extra.isEmpty(), pkg + " imports " + extra + "; it may import " + new TreeSet<>(allowed));
        });
        graph.forEach((pkg, imports) -> assertFalse(!pkg.equals("processors") && imports.contains("processors"), pkg + " imports the processors"));
    }

    @Test
    void noPackageImportsOneThatImportsItBack() throws IOException {
        final Map<String, Set<String>> graph = packageGraph();
        for (final String start : graph.keySet()) {
            final Set<String> reached = new HashSet<>();
            final List<String> todo = new ArrayList<>(graph.get(start));
            while (!todo.isEmpty()) {
                final String next = todo.removeLast();
                assertFalse(next.equals(start), start + " imports itself through " + reached);
                if (reached.add(next)) {
                    todo.addAll(graph.getOrDefault(next, Set.of()));
                }
            }
        }
    }

    /** One class of the processors puts the error attributes on FlowFiles; the others name them only to document them. */
    @Test
    void oneClassWritesTheErrorAttributes() throws IOException {
        final Set<String> writers = new TreeSet<>();
        for (final Path source : sources(PROCESSORS)) {
            for (final String line : Files.readAllLines(source)) {
                if (line.matches(".*\\bERROR_(CODE|MESSAGE|CATEGORY)\\b.*") && !line.contains("@WritesAttribute(")) {
                    writers.add(source.getFileName().toString());
                }
            }
        }
        assertEquals(Set.of("FailureRoute.java", "OcrAttributes.java"), writers);
    }

    @Test
    void onlyInvokeTencentOCRNamesItsRelationships() throws IOException {
        for (final Path source : sources(PROCESSORS)) {
            if (!source.getFileName().toString().equals("InvokeTencentOCR.java")) {
                assertFalse(Files.readString(source).contains("InvokeTencentOCR.REL_"), source.getFileName() + " names InvokeTencentOCR's relationships");
            }
        }
    }

    @Test
    void actionsAreLookedUpByNameInOnePlace() throws IOException {
        for (final Path source : Stream.concat(sources(PROCESSORS).stream(), sources(REQUEST).stream()).toList()) {
            if (!source.getFileName().toString().equals("TencentAction.java")) {
                assertFalse(code(source).contains(".name().equals("), source.getFileName() + " compares a name itself: use TencentAction.named");
            }
        }
    }

    @Test
    void noInlineQualifiedNames() throws IOException {
        for (final Path source : Stream.concat(sources(PROCESSORS).stream(), sources(REQUEST).stream()).toList()) {
            final Matcher qualified = QUALIFIED.matcher(code(source));
            assertFalse(qualified.find(), () -> source.getFileName() + " names " + qualified.group() + " inline: import it");
        }
    }

    @Test
    void roomsStaySmall() throws IOException {
        final Map<String, Integer> tooLong = new TreeMap<>();
        for (final Path source : Stream.concat(sources(PROCESSORS).stream(), sources(REQUEST).stream()).toList()) {
            final int lines = Files.readAllLines(source).size();
            final boolean processor = code(source).contains("extends AbstractProcessor") || code(source).contains("extends AbstractSessionFactoryProcessor")
                    || code(source).contains("extends AbstractTencentJobProcessor");
            if (lines > (processor ? 300 : 460)) {
                tooLong.put(source.getFileName().toString(), lines);
            }
        }
        assertEquals(Map.of(), tooLong, "processors stay within 300 lines, other classes within 460");
    }

    private static Map<String, Set<String>> packageGraph() throws IOException {
        final Map<String, Set<String>> graph = new HashMap<>();
        try (Stream<Path> packages = Files.list(MAIN)) {
            for (final Path pkg : packages.filter(Files::isDirectory).toList()) {
                final Set<String> imports = new TreeSet<>();
                for (final Path source : sources(pkg)) {
                    final Matcher matcher = IMPORT.matcher(Files.readString(source));
                    while (matcher.find()) {
                        imports.add(matcher.group(1));
                    }
                }
                imports.remove(pkg.getFileName().toString());
                graph.put(pkg.getFileName().toString(), imports);
            }
        }
        return graph;
    }

    /** The source without comments, string and character literals, and the package and import lines: what is code. */
    private static String code(final Path source) throws IOException {
        final String text = Files.readString(source).replaceAll("(?m)^(?:package|import) [^\n]*", "");
        final StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i)) {
                i = end(text, "\n", i + 2) - 1;
            } else if (text.startsWith("/*", i)) {
                i = end(text, "*/", i + 2);
            } else if (text.startsWith("\"\"\"", i)) {
                i = end(text, "\"\"\"", i + 3);
                code.append("\"\"");
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                final char quote = text.charAt(i++);
                while (i < text.length() && text.charAt(i) != quote) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                code.append(quote).append(quote);
            } else {
                code.append(text.charAt(i++));
            }
        }
        return code.toString();
    }

    private static int end(final String text, final String closing, final int from) {
        final int at = text.indexOf(closing, from);
        return at < 0 ? text.length() : at + closing.length();
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
