package dev.nifiocr.error;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the docs and the {@link ErrorCatalogue} together: the error-code table of docs/error-codes.md is written from the
 * catalogue, and every code the hand-written Routing table of InvokeTencentOCR's additional details names sits in the
 * row of its category.
 * After changing the catalogue, rewrite the table with
 * {@code ./mvnw -B -o -pl nifi-ocr-processors -am test -Dtest=ErrorCatalogueDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dnifiocr.docs.write=true}.
 */
class ErrorCatalogueDocsTest {

    static final Path DOCS = Path.of("src/main/resources/docs/dev.nifiocr.processors.InvokeTencentOCR/additionalDetails.md");
    /** The page of every error code, in the repository's docs/ (the tests run in nifi-ocr-processors/). */
    static final Path TABLE = Path.of("../docs/error-codes.md");
    static final String BEGIN = "<!-- Generated from ErrorCatalogue by ErrorCatalogueDocsTest: begin -->";
    static final String END = "<!-- Generated from ErrorCatalogue: end -->";

    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z0-9.]*\\*?)`");

    /** The table of every code, family and HTTP status, in the catalogue's order. */
    static String table() {
        final StringBuilder table = new StringBuilder("| Code | Category | Route | Tencent bills | Meaning |\n|---|---|---|---|---|\n");
        for (final ErrorCode code : ErrorCatalogue.entries()) {
            table.append("| `%s` | %s | `%s` | %s | %s |\n".formatted(code.code(), code.category(), code.route().name().toLowerCase(Locale.ROOT),
                    switch (code.billing()) {
                        case BILLED -> "yes";
                        case NOT_BILLED -> "no";
                        case UNCONFIRMED -> "not stated (counted as billed)";
                    }, code.description().replace("|", "\\|")));
        }
        return table.toString();
    }

    @Test
    void errorCodeTableIsTheCatalogue() throws IOException {
        final String docs = Files.readString(TABLE, StandardCharsets.UTF_8);
        final int begin = docs.indexOf(BEGIN);
        final int end = docs.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "markers of the generated table in " + TABLE);
        if (Boolean.getBoolean("nifiocr.docs.write")) {
            Files.writeString(TABLE, docs.substring(0, begin + BEGIN.length()) + "\n" + table() + docs.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(table(), docs.substring(begin + BEGIN.length() + 1, end),
                "the error-code table differs from ErrorCatalogue: run this test with -Dnifiocr.docs.write=true");
    }

    @Test
    void routingTableNamesEachCodeInItsCategoryRow() throws IOException {
        final Map<String, ErrorCategory> categoryOfRow = java.util.Arrays.stream(ErrorCategory.values())
                .collect(Collectors.toMap(Enum::name, category -> category));
        categoryOfRow.put("No result", ErrorCategory.NO_RESULT);
        final List<String> checked = new ArrayList<>();
        for (final String row : routingRows()) {
            final String label = row.substring(1, row.indexOf('|', 1)).trim();
            final ErrorCategory category = categoryOfRow.entrySet().stream().filter(entry -> label.startsWith(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (category == null) {
                continue;
            }
            // text in parentheses explains, and "(except X)" names a code that is not in the row
            final Matcher codes = CODE.matcher(row.replaceAll("\\([^)]*\\)", ""));
            while (codes.find()) {
                final String code = codes.group(1);
                if (!code.equals("Client.*")) {
                    assertEquals(category, ErrorCatalogue.lookup(resolve(code)).category(), code + " in the Routing table's row " + label);
                    checked.add(code);
                }
            }
        }
        assertTrue(checked.size() > 20, "codes checked: " + checked);
    }

    /** A family pattern stands for an unlisted member; a short name (ImageNoIdCard) for the one listed code it ends. */
    private static String resolve(final String code) {
        if (code.endsWith("*")) {
            final String prefix = code.substring(0, code.length() - 1);
            return prefix.endsWith(".") ? prefix + "Unlisted" : prefix + ".Unlisted";
        }
        if (ErrorCatalogue.find(code).isPresent()) {
            return code;
        }
        final List<String> ending = ErrorCatalogue.entries().stream().map(ErrorCode::code).filter(known -> known.endsWith("." + code)).toList();
        assertEquals(1, ending.size(), "the Routing table's " + code + " names one listed code");
        return ending.get(0);
    }

    private static List<String> routingRows() throws IOException {
        final String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        final String routing = docs.substring(docs.indexOf("## Routing"), docs.indexOf("\n## ", docs.indexOf("## Routing") + 1));
        final List<String> rows = routing.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| Outcome")).toList();
        assertFalse(rows.isEmpty(), "Routing table in " + DOCS);
        return rows;
    }
}
