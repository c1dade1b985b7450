package dev.nifiocr.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.image.ImageFitException;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorCatalogueTest {

    private static final Pattern CODE_LITERAL = Pattern.compile("\"((?:Client|HttpStatus)\\.[A-Za-z0-9]*)\"");

    static Stream<ErrorCode> entries() {
        return ErrorCatalogue.entries().stream();
    }

    @ParameterizedTest
    @MethodSource("entries")
    void eachRowRoutesByItsCategoryAndSaysWhatItMeans(final ErrorCode code) {
        assertEquals(code.category().outcome(), code.route(), code.code());
        assertFalse(code.description().isBlank(), code.code());
        if (!code.family()) {
            assertEquals(code, ErrorCatalogue.lookup(code.code()));
        }
    }

    @Test
    void listsEachCodeOnce() {
        assertEquals(ErrorCatalogue.entries().size(), new HashSet<>(ErrorCatalogue.entries().stream().map(ErrorCode::code).toList()).size());
    }

    /** Tencent's billing page (product/866/45470), as the shared reference records it for each code. */
    @Test
    void billingIsTencentsWhereItSays() {
        int checked = 0;
        for (final JsonNode reference : Fixtures.json("tencent-ocr-error-codes.json").get("codes")) {
            final JsonNode billed = reference.get("billed_per_866_45470");
            final Billing expected = billed.isNull() ? Billing.UNCONFIRMED : billed.asBoolean() ? Billing.BILLED : Billing.NOT_BILLED;
            final String code = reference.get("code").asText();
            assertEquals(expected, ErrorCatalogue.find(code).orElseThrow().billing(), code);
            checked++;
        }
        assertEquals(95, checked);
        assertFalse(ErrorCatalogue.lookup("FailedOperation.ImageNoText").billing().billable());
        assertTrue(ErrorCatalogue.lookup("FailedOperation.EmptyImageError").billing().billable());
        assertTrue(ErrorCatalogue.lookup("RequestLimitExceeded.SomethingNew").billing().billable(), "unknown billing counts as billed");
        assertTrue(ErrorCatalogue.lookup("CompletelyUnknown").billing().billable());
    }

    // answers of asynchronous-job calls that cannot be followed: a call was made, so not a local refusal
    private static final Set<String> JOB_ANSWERS = Set.of(ErrorCatalogue.UNKNOWN_JOB_STATUS, ErrorCatalogue.JOB_FAILED, ErrorCatalogue.NO_JOB_ID,
            ErrorCatalogue.NO_RESULT_URL, TencentApiException.DOWNLOAD_REFUSED, TencentApiException.DOWNLOAD_FAILED);

    @Test
    void refusalsBeforeAnyRequestAreNotBilled() {
        for (final ErrorCode code : ErrorCatalogue.entries()) {
            if (code.code().startsWith("Client.") && !code.code().equals(ErrorCatalogue.DECRYPTION_FAILED)
                    && !code.code().equals(TencentApiException.CREDENTIALS_UNAVAILABLE) && !apiCodes().contains(code.code())
                    && !JOB_ANSWERS.contains(code.code())) {
                assertEquals(Billing.NOT_BILLED, code.billing(), code.code());
            }
        }
        assertEquals(Billing.BILLED, ErrorCatalogue.lookup(ErrorCatalogue.DECRYPTION_FAILED).billing(), "a paid answer that did not decrypt");
    }

    /** Codes other branches point at after merge: CompressImage's refusals and the document processors'. */
    @ParameterizedTest
    @ValueSource(strings = {"Client.ImageTooLarge", "Client.UnsupportedImage", "Client.CorruptImage", "Client.ImageTooManyPixels",
            "Client.EncryptedDocument", "Client.CorruptDocument", "Client.TooManyPages", "Client.InvalidPageRange"})
    void preRegistersTheCodesOfImageAndDocuments(final String code) {
        assertEquals(ErrorCategory.INPUT, ErrorCatalogue.find(code).orElseThrow().category());
    }

    /** Every code constant anywhere (service API, classifier aliases, CompressImage) is a catalogue row. */
    @Test
    void everyCodeConstantIsInTheCatalogue() throws IllegalAccessException {
        final List<String> constants = new ArrayList<>(apiCodes());
        constants.addAll(codeConstants(ErrorClassifier.class));
        constants.addAll(codeConstants(ImageFitException.class));
        assertTrue(constants.size() >= 17, constants.toString());
        for (final String code : constants) {
            assertTrue(ErrorCatalogue.find(code).isPresent(), code);
        }
    }

    /** No code is spelled twice in the main sources of the bundle: one literal each, in the catalogue or the service API. */
    @Test
    void eachCodeIsSpelledOnceInMain() throws IOException {
        final Map<String, List<Path>> spellings = new HashMap<>();
        for (final Path root : List.of(Path.of("src/main/java"), Path.of("../nifi-ocr-service-api/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (final Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    final Matcher literal = CODE_LITERAL.matcher(Files.readString(file));
                    while (literal.find()) {
                        spellings.computeIfAbsent(literal.group(1), code -> new ArrayList<>()).add(file.getFileName());
                    }
                }
            }
        }
        assertTrue(spellings.containsKey("Client.EmptyContent"), spellings.keySet().toString());
        spellings.forEach((code, files) -> assertEquals(1, files.size(), code + " spelled in " + files));
    }

    private static List<String> apiCodes() {
        try {
            return codeConstants(TencentApiException.class);
        } catch (final IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> codeConstants(final Class<?> type) throws IllegalAccessException {
        final List<String> codes = new ArrayList<>();
        for (final Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && field.get(null) instanceof String value
                    && value.startsWith("Client.")) {
                codes.add(value);
            }
        }
        return codes;
    }
}
