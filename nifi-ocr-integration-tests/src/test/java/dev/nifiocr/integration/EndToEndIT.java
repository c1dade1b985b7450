package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle in a real NiFi 2.3.0: FlowFiles go in and out through site-to-site, the client service talks to the local
 * Tencent OCR emulator, and every FlowFile sent comes out on exactly one port. The example flows come last, in their own
 * process groups, so that starting the root group in the first tests does not start them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    private String serviceId;

    @BeforeAll
    void createTheClientService() throws Exception {
        serviceId = nifi.service("Tencent Cloud", Map.of(
                "Rate Limit per Account", "50",
                "Read Timeout", "30 secs", // the emulator reads each page with a real OCR engine, on a busy machine too
                "Sensitive Data Encryption Enabled", "true",
                "RSA Public Key", nifi.emulator().rsaPublicKeyPem(),
                "SM2 Public Key", nifi.emulator().sm2PublicKeyPem(),
                "Session Key Protection Secret", "UAeFYs5N2faQco0CA/KnbEiU1gSO4G2Zuiwac1tZjUQ="));
    }

    @Test
    void loadsTheBundleWithItsDocumentation() throws Exception {
        final String types = nifi.rest().processorTypes();
        for (final String processor : List.of("InvokeTencentOCR", "EncryptOCRPayload", "CompressImage")) {
            assertTrue(types.contains("dev.nifiocr.processors." + processor), processor);
        }
        assertEquals("ENABLED", nifi.rest().controllerService(serviceId).at("/component/state").asText());
        assertTrue(nifi.rig().appLog().contains("Only found one possible match 'org.apache.nifi:nifi-standard-services-api-nar:2.3.0'"));
    }

    /** A flow naming an Action Tencent retired imports as a Custom Action of that name; the list shows display names. */
    @Test
    void offersActionsByDisplayNameAndMigratesRetiredOnes(@TempDir final Path directory) throws Exception {
        final Path template = NiFiFixture.TEMPLATES.resolve("ocr-folder-to-text.json");
        final Path retired = directory.resolve("retired-action.json");
        java.nio.file.Files.writeString(retired, java.nio.file.Files.readString(template)
                .replace("\"OCR Action\": \"GeneralAccurateOCR\"", "\"OCR Action\": \"TaxiInvoiceOCR\"")
                .replace("OCR Folder of Scans to Text Parameters", "Retired Action Parameters"));
        final String group = nifi.rest().uploadFlowDefinition(nifi.root(), "Retired Action", retired);
        JsonNode invoke = null;
        for (final JsonNode processor : nifi.rest().groupFlow(group).get("processors")) {
            if (processor.at("/component/type").asText().endsWith(".InvokeTencentOCR")) {
                invoke = nifi.rest().processor(processor.get("id").asText());
            }
        }
        assertTrue(invoke != null, "the flow has InvokeTencentOCR");
        assertEquals("CUSTOM", invoke.at("/component/config/properties/OCR Action").asText());
        assertEquals("TaxiInvoiceOCR", invoke.at("/component/config/properties/Custom Action").asText());
        final List<String> displayNames = new ArrayList<>();
        for (final JsonNode value : invoke.at("/component/config/descriptors/OCR Action/allowableValues")) {
            displayNames.add(value.at("/allowableValue/displayName").asText());
        }
        assertTrue(displayNames.contains("RecognizeGeneralInvoice \u00b7 Invoices"), displayNames.toString());
        assertEquals("Custom Action", displayNames.get(displayNames.size() - 1));
    }

    @Test
    void recognisesImagesAndRoutesEveryFailure() throws Exception {
        final Connectable images = nifi.rest().createPort(nifi.root(), true, "images", 0, 0);
        final Connectable raw = nifi.rest().createPort(nifi.root(), true, "raw images", 400, 0);
        final Connectable results = nifi.rest().createPort(nifi.root(), false, "results", 0, 600);
        final Connectable retry = nifi.rest().createPort(nifi.root(), false, "retry", 400, 600);
        final Connectable failure = nifi.rest().createPort(nifi.root(), false, "failure", 800, 600);
        final Connectable compress = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.CompressImage", "CompressImage", Map.of(), List.of(), 0, 200);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "GeneralAccurateOCR"), List.of("original"), 200, 400);
        nifi.rest().connect(images, compress, List.of());
        nifi.rest().connect(raw, invoke, List.of());
        nifi.rest().connect(compress, invoke, List.of("success"));
        nifi.rest().connect(compress, failure, List.of("failure"));
        nifi.rest().connect(invoke, results, List.of("success"));
        nifi.rest().connect(invoke, retry, List.of("retry"));
        nifi.rest().connect(invoke, failure, List.of("failure"));
        assertEquals("VALID", nifi.rest().validationStatus(invoke.id(), Duration.ofSeconds(30)), nifi.rest().processor(invoke.id()).toString());
        assertEquals("VALID", nifi.rest().validationStatus(compress.id(), Duration.ofSeconds(30)));
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        nifi.send(images, List.of(scan(1), scan(2), scan(3), "not an image".getBytes(StandardCharsets.UTF_8)),
                List.of(Map.of("filename", "1.png"), Map.of("filename", "2.png"), Map.of("filename", "3.png"), Map.of("filename", "notes.txt")));
        nifi.send(raw, List.of(fault("RequestLimitExceeded"), fault("HTTP503"), fault("FailedOperation.ImageDecodeFailed"),
                fault("AuthFailure.SignatureFailure")), List.of(Map.of("filename", "throttled"), Map.of("filename", "503"), Map.of("filename", "corrupt"),
                Map.of("filename", "auth")));

        final Map<Connectable, List<SiteToSite.Received>> out = nifi.collect(Map.of(results, 3, retry, 2, failure, 3), Duration.ofSeconds(90));
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        for (final SiteToSite.Received result : out.get(results)) {
            assertEquals("application/json", result.attributes().get("mime.type"));
            assertEquals("GeneralAccurateOCR", result.attributes().get("tencent.ocr.action"));
            assertFalse(result.attributes().get("tencent.ocr.request.id").isBlank());
            assertEquals("false", result.attributes().get("tencent.ocr.image.changed"));
            final JsonNode answer = OBJECT_MAPPER.readTree(result.content());
            // the emulator read the page itself: its own words, not Tencent's example text
            // the answer is named for what it holds: 1.png's answer is 1.json
            final String page = result.attributes().get("filename").replace(".json", "");
            assertEquals(List.of("Page " + page + " of the integration test"), detectedTexts(answer), answer.toString());
        }
        assertEquals(Map.of("throttled", "RequestLimitExceeded", "503", "HttpStatus.503"), errorCodes(out.get(retry)));
        assertEquals(Map.of("notes.txt", "Client.UnsupportedImage", "corrupt", "FailedOperation.ImageDecodeFailed", "auth", "AuthFailure.SignatureFailure"),
                errorCodes(out.get(failure)));
        assertEquals(3, nifi.emulator().calls("GeneralAccurateOCR success"));
        final Map<String, Long> counters = nifi.rest().counters();
        assertEquals(7L, counters.get("GeneralAccurateOCR Requests Sent"));
        assertEquals(3L, counters.get("GeneralAccurateOCR Answers Succeeded"));
        assertEquals(2L, counters.get("GeneralAccurateOCR Answers Retried"));
        assertEquals(2L, counters.get("GeneralAccurateOCR Answers Failed"));
        assertEquals(1L, counters.get("Error RequestLimitExceeded"));
    }

    @Test
    void encryptsRequestsAndDecryptsAnswersWithBothAlgorithms() throws Exception {
        final String group = nifi.root();
        final Connectable cards = nifi.rest().createPort(group, true, "id cards", 1200, 0);
        final Connectable decrypted = nifi.rest().createPort(group, false, "decrypted", 1200, 600);
        final Connectable aes = nifi.rest().createProcessor(group, "dev.nifiocr.processors.EncryptOCRPayload", "Encrypt AES",
                Map.of("Tencent Cloud Client Service", serviceId, "Envelope Algorithm", "AES-256-CBC", "CardSide", "FRONT"), List.of("failure"), 1200, 200);
        final Connectable sm4 = nifi.rest().createProcessor(group, "dev.nifiocr.processors.EncryptOCRPayload", "Encrypt SM4",
                Map.of("Tencent Cloud Client Service", serviceId, "Envelope Algorithm", "SM4-GCM", "CardSide", "FRONT"), List.of("failure"), 1500, 200);
        final Connectable invoke = nifi.rest().createProcessor(group, "dev.nifiocr.processors.InvokeTencentOCR", "Invoke encrypted",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "RecognizeEncryptedIDCardOCR", "Request Source", "FlowFile Content as Request JSON"),
                List.of("original", "retry", "failure"), 1300, 400);
        nifi.rest().connect(cards, aes, List.of());
        nifi.rest().connect(cards, sm4, List.of());
        nifi.rest().connect(aes, invoke, List.of("success"));
        nifi.rest().connect(sm4, invoke, List.of("success"));
        nifi.rest().connect(invoke, decrypted, List.of("success"));
        nifi.rest().setGroupState(group, "RUNNING");

        nifi.send(cards, List.of(scan(4)), List.of(Map.of("filename", "card.png")));

        final List<SiteToSite.Received> answers = nifi.collect(decrypted, 2, Duration.ofSeconds(60));
        nifi.rest().setGroupState(group, "STOPPED");
        final List<String> algorithms = new ArrayList<>();
        for (final SiteToSite.Received answer : answers) {
            assertEquals("true", answer.attributes().get("tencent.ocr.decrypted"));
            assertFalse(answer.attributes().containsKey("tencent.ocr.encryption.session"));
            algorithms.add(answer.attributes().get("tencent.ocr.encryption.algorithm"));
            final JsonNode response = OBJECT_MAPPER.readTree(answer.content()).get("Response");
            assertFalse(response.get("Name").asText().isEmpty());
            assertFalse(response.has("EncryptedBody"));
        }
        assertEquals(List.of("AES_256_CBC", "SM4_GCM"), algorithms.stream().sorted().toList());
        assertEquals(2, nifi.emulator().calls("RecognizeEncryptedIDCardOCR success"));
    }

    /** The folder-to-text example flow, imported from templates/, run as a user would: files in, text and errors out. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void runsTheFolderToTextExampleFlow(@TempDir final Path folders) throws Exception {
        final Path input = java.nio.file.Files.createDirectories(folders.resolve("in"));
        final Path text = folders.resolve("text");
        final Path errors = folders.resolve("errors");
        java.nio.file.Files.write(input.resolve("page-1.png"), scan(1));
        java.nio.file.Files.write(input.resolve("page-2.png"), scan(2));
        java.nio.file.Files.writeString(input.resolve("notes.txt.png"), "not an image");
        final Map<String, List<String>> samples = Map.of("letter-photo.jpg", List.of("this letter was photographed with a phone.",
                        "InvokeTencentOCR reads it back as text."),
                "invoice-scan.png", List.of("Date: 2026-11-24", "Buyer: Demo Data Engineering Team", "Total due:"),
                "receipt.bmp", List.of("RECEIPT", "Coffee", "TOTAL"));
        for (final String sample : samples.keySet()) {
            java.nio.file.Files.copy(NiFiFixture.TEMPLATES.resolve("../samples").resolve(sample), input.resolve(sample));
        }

        final String group = ExampleFlows.start(nifi.rest(), NiFiFixture.TEMPLATES,
                new ExampleFlows.Folders(input, text, errors), nifi.tencent());
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && (NiFiFixture.files(text) < 5 || NiFiFixture.files(errors) < 2)) {
            Thread.sleep(500);
        }
        nifi.rest().setGroupState(group, "STOPPED");

        assertEquals(5, NiFiFixture.files(text), "text files; bulletins: " + nifi.rest().bulletins());
        final JsonNode lines = OBJECT_MAPPER.readTree(text.resolve("page-1.text.json").toFile());
        assertEquals("[\"Page 1 of the integration test\"]", lines.toString());
        // the samples' own words, in reading order (the engine's reading of the rest may differ by a character)
        for (final Map.Entry<String, List<String>> sample : samples.entrySet()) {
            final List<String> read = new ArrayList<>();
            OBJECT_MAPPER.readTree(text.resolve(sample.getKey().substring(0, sample.getKey().lastIndexOf('.')) + ".text.json").toFile()).forEach(line -> read.add(line.asText()));
            final List<String> known = new ArrayList<>(read);
            known.retainAll(sample.getValue());
            assertEquals(sample.getValue(), known, sample.getKey() + " read as " + read);
        }
        assertEquals(2, NiFiFixture.files(errors), "error files; bulletins: " + nifi.rest().bulletins());
        final JsonNode error = OBJECT_MAPPER.readTree(errors.resolve("notes.txt.png.error.json").toFile());
        assertEquals("Client.UnsupportedImage", error.get("tencent.ocr.error.code").asText());
        assertEquals("not an image", java.nio.file.Files.readString(errors.resolve("notes.txt.png")));
    }

    /** The ID card example flow run on a photo: encrypted on the way out, decrypted on the way back, fields as attributes. */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void runsTheEncryptedIdCardExampleFlow(@TempDir final Path folders) throws Exception {
        final Path input = java.nio.file.Files.createDirectories(folders.resolve("in"));
        final Path cards = folders.resolve("cards");
        java.nio.file.Files.write(input.resolve("card.png"), scan(5));
        final long before = nifi.emulator().calls("RecognizeEncryptedIDCardOCR success");

        final String group = ExampleFlows.start(nifi.rest(), NiFiFixture.TEMPLATES.resolve("ocr-id-cards-encrypted.json"),
                "OCR ID Cards with Sensitive Data Encryption", new ExampleFlows.Folders(input, cards, folders.resolve("errors")),
                nifi.tencent(),
                Map.of("Tencent RSA Public Key", nifi.emulator().rsaPublicKeyPem(), "Session Key Protection Secret", "5bb6e2958c9ecab1628364ad4385f062a5dec0ac36b6622b9c6a322668e824fa"),
                Set.of("Session Key Protection Secret"));
        final Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && NiFiFixture.files(cards) < 1) {
            Thread.sleep(500);
        }
        nifi.rest().setGroupState(group, "STOPPED");

        assertEquals(1, NiFiFixture.files(cards), "card files; bulletins: " + nifi.rest().bulletins());
        final JsonNode response = OBJECT_MAPPER.readTree(cards.resolve("card.json").toFile()).get("Response");
        assertFalse(response.get("Name").asText().isEmpty(), response.toString());
        assertFalse(response.has("EncryptedBody"));
        assertEquals(before + 1, nifi.emulator().calls("RecognizeEncryptedIDCardOCR success"));
    }

    /**
     * Uploads every flow definition of templates/ as the UI's "Upload flow definition" does. The rig has NiFi's standard
     * processors (repackaged from their jars on Maven Central), the DBCP and record serialization NARs: every component
     * must resolve.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void importsEveryExampleFlow(@TempDir final Path directory) throws Exception {
        final List<Path> templates;
        try (var files = java.nio.file.Files.list(NiFiFixture.TEMPLATES)) {
            templates = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(5, templates.size());
        for (final Path template : templates) {
            // a Parameter Context of its own, as on a NiFi that never saw the flow: the runs above filled the flow's one
            final String json = java.nio.file.Files.readString(template);
            final String context = OBJECT_MAPPER.readTree(json).at("/flowContents/parameterContextName").asText();
            final Path fresh = java.nio.file.Files.writeString(directory.resolve(template.getFileName()),
                    json.replace("\"" + context + "\"", "\"" + context + " (import check)\""));
            final String group = nifi.rest().uploadFlowDefinition(nifi.root(), template.getFileName().toString(), fresh);
            assertInvalidAfterImport(template, invalidComponents(group));
            int ours = 0;
            for (final JsonNode processor : nifi.rest().groupFlow(group).get("processors")) {
                final String type = processor.at("/component/type").asText();
                final boolean missing = processor.at("/component/extensionMissing").asBoolean();
                if (type.startsWith("dev.nifiocr.")) {
                    ours++;
                    assertFalse(missing, template + ": " + type);
                    assertEquals("nifi-ocr-nar", processor.at("/component/bundle/artifact").asText());
                    // invalid only for want of credentials and an enabled service, never for a property NiFi does not know
                    for (final JsonNode error : processor.at("/component/validationErrors")) {
                        assertFalse(error.asText().contains("not a supported property") || error.asText().contains("allowable values"),
                                template + ": " + error.asText());
                    }
                } else {
                    assertFalse(missing, template + ": " + type);
                }
            }
            assertTrue(ours >= 2, template.toString());
            boolean service = false;
            for (final JsonNode controllerService : nifi.rest().groupControllerServices(group)) {
                if (controllerService.at("/component/type").asText().equals(NiFiFixture.SERVICE_TYPE)) {
                    service = true;
                    assertFalse(controllerService.at("/component/extensionMissing").asBoolean(), template.toString());
                }
            }
            assertTrue(service, template + " has the client service");
        }
    }

    /**
     * What a user sees right after the import, before setting any parameter: the client service wants its credentials,
     * what uses a disabled service says so, ListFile wants an existing folder; the rest of the flow is ready.
     */
    private static void assertInvalidAfterImport(final Path template, final Map<String, List<String>> invalid) {
        final List<String> credentials = List.of("Secret ID is required", "Secret Key is required");
        final List<String> disabledService = List.of("Tencent Cloud Client Service", "is disabled");
        final Map<String, List<String>> expected = new HashMap<>(Map.of(
                "Tencent Cloud", credentials, "List Input Files", List.of("Input Directory", "Directory does not exist")));
        switch (template.getFileName().toString()) {
            case "ocr-folder-to-text.json" -> expected.put("Recognize Text", disabledService);
            case "ocr-id-cards-encrypted.json" -> {
                expected.put("Encrypt Request", disabledService);
                expected.put("Recognize ID Card", disabledService);
            }
            case "ocr-invoices-to-database.json" -> {
                expected.put("Recognize Invoices", disabledService);
                expected.put("Insert Invoice Rows", List.of("Record Reader", "is disabled"));
            }
            case "ocr-pdfs-to-text.json" -> {
                expected.remove("List Input Files");
                expected.put("List PDFs", List.of("Input Directory", "Directory does not exist"));
                expected.put("Recognize Page Text", disabledService);
            }
            case "ocr-documents-async.json" -> {
                expected.remove("List Input Files");
                expected.put("List PDFs", List.of("Input Directory", "Directory does not exist"));
                expected.put("Submit Document Job", disabledService);
                expected.put("Wait for Job Result", disabledService);
            }
            default -> throw new AssertionError("no expectation for " + template);
        }
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(invalid.keySet()), template + ": " + invalid);
        expected.forEach((component, reasons) -> {
            for (final String reason : reasons) {
                assertTrue(invalid.get(component).stream().anyMatch(error -> error.contains(reason)), template + ": " + component + " " + invalid);
            }
        });
    }

    /** Invalid processors and services of a group by name, with NiFi's validation messages, once validation has run. */
    private Map<String, List<String>> invalidComponents(final String group) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            final List<JsonNode> components = new ArrayList<>();
            nifi.rest().groupFlow(group).get("processors").forEach(components::add);
            nifi.rest().groupControllerServices(group).forEach(components::add);
            final Map<String, List<String>> invalid = new java.util.TreeMap<>();
            boolean validating = false;
            for (final JsonNode component : components) {
                final String status = component.at("/component/validationStatus").asText();
                validating |= status.equals("VALIDATING");
                if (status.equals("INVALID") || component.at("/component/extensionMissing").asBoolean()) {
                    final List<String> errors = new ArrayList<>();
                    component.at("/component/validationErrors").forEach(error -> errors.add(error.asText()));
                    if (component.at("/component/extensionMissing").asBoolean()) {
                        errors.add("extension missing");
                    }
                    invalid.put(component.at("/component/name").asText(), errors);
                }
            }
            if (!validating || Instant.now().isAfter(deadline)) {
                return invalid;
            }
            Thread.sleep(250);
        }
    }

    private static List<String> detectedTexts(final JsonNode answer) {
        final List<String> texts = new ArrayList<>();
        answer.at("/Response/TextDetections").forEach(detection -> texts.add(detection.get("DetectedText").asText()));
        return texts;
    }

    private static Map<String, String> errorCodes(final List<SiteToSite.Received> flowFiles) {
        final Map<String, String> codes = new HashMap<>();
        for (final SiteToSite.Received flowFile : flowFiles) {
            codes.put(flowFile.attributes().get("filename"), flowFile.attributes().get("tencent.ocr.error.code"));
        }
        return codes;
    }

    private static byte[] fault(final String name) {
        return ("FAULT:" + name).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] scan(final int page) throws IOException {
        final BufferedImage image = new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 1000, 800);
        graphics.setColor(Color.BLACK);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
        graphics.drawString("Page " + page + " of the integration test", 60, 120);
        graphics.dispose();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
