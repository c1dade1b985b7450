package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Tencent Cloud OCR (API 3.0, ocr 2018-11-19) on loopback, for tests, the demo and for building
 * flows without spending quota. It checks TC3-HMAC-SHA256 signatures as Tencent does (implemented here from the
 * published algorithm, not with the bundle's signer), enforces the documented size limits, reads the image of the
 * general-text Actions for real (RapidOCR, see {@link TextAnswers}; PDF pages rendered with PDFBox), answers every other
 * Action with Tencent's documented example answers, and speaks the sensitive data envelope with its own RSA and SM2 keys.
 *
 * Faults are injected by the image itself: an image whose bytes start with {@code FAULT:<name>} gets that fault, where
 * name is a Tencent error code (e.g. FAULT:RequestLimitExceeded, FAULT:FailedOperation.ImageDecodeFailed), HTTP503,
 * RESET (connection closed without answer), DELAY (answer after 10 s) or MALFORMED (a truncated body). A PDF page can
 * fault alone ({@code FAULT:<code>} or, once, {@code FAULT-ONCE:<code>} as the first line of its text layer); documents,
 * OFD and the asynchronous job Actions are handled by {@link DocumentAnswers}.
 *
 * <p>{@link #latency(Latency)} makes it answer as slowly as Tencent does (0.3 to 2 s), without a thread per waiting
 * request; {@link #arrivals()} tells when each request arrived.
 */
public final class TencentOcrEmulator implements AutoCloseable {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final long MEGABYTE = 1024 * 1024;
    private static final Set<String> SEVEN_MEGABYTE_ACTIONS = Set.of("GeneralEfficientOCR", "GeneralFastOCR", "EnglishOCR", "BizLicenseOCR",
            "BusinessCardOCR", "PermitOCR", "RecognizeTableOCR", "SmartStructuralOCR", "VehicleLicenseOCR", "VehicleRegCertOCR", "ArithmeticOCR",
            "BankSlipOCR", "EnterpriseLicenseOCR");
    private static final byte[] FAULT = "FAULT:".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicBoolean ENGINE_WARNING = new AtomicBoolean();

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    // one thread schedules every delayed answer: a waiting request holds no thread
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().daemon().name("nifi-ocr-emulator-latency").unstarted(runnable));
    private final Arrivals arrivals = new Arrivals();
    private volatile Latency latency = Latency.NONE;
    private final String secretId;
    private final String secretKey;
    private final EnvelopeKeys envelopeKeys;
    private final SignatureCheck signatures;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final TemporaryCredentialsIssuer temporaryCredentials = new TemporaryCredentialsIssuer(this::verifySignature);
    private final DocumentAnswers documents = new DocumentAnswers();
    private final DocumentParsingJobs documentParsing = new DocumentParsingJobs();
    private volatile boolean exampleAnswersOnly;

    public TencentOcrEmulator(final String secretId, final String secretKey, final int port) throws IOException, GeneralSecurityException {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.envelopeKeys = new EnvelopeKeys();
        this.signatures = new SignatureCheck(secretId, secretKey, temporaryCredentials);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(workers);
        server.createContext("/", this::arrive);
        server.createContext(DocumentParsingJobs.RESULT_PATH, this::serveResult);
        server.start();
        // the OCR engine loads once per JVM; start now so that the first text request does not wait for it
        Thread.ofPlatform().daemon().name("nifi-ocr-emulator-engine").start(TencentOcrEmulator::textEngine);
    }

    public static void main(final String[] args) throws Exception {
        final List<String> options = List.of(args);
        final int port = options.stream().filter(arg -> !arg.startsWith("--")).findFirst().map(Integer::parseInt).orElse(9443);
        final Latency latency = options.stream().filter(arg -> arg.startsWith("--latency=")).findFirst()
                .map(arg -> Latency.parse(arg.substring("--latency=".length()))).orElse(Latency.NONE);
        try (TencentOcrEmulator emulator = new TencentOcrEmulator("AKIDemulator0000000000000000000000", "emulator-secret-key", port)) {
            emulator.exampleAnswersOnly(options.contains("--examples"));
            emulator.latency(latency);
            System.out.println("Tencent OCR emulator on " + emulator.endpoint() + " (Secret ID " + emulator.secretId + ", Secret Key "
                    + emulator.secretKey + "); RSA public key:\n" + emulator.rsaPublicKeyPem() + "SM2 public key:\n" + emulator.sm2PublicKeyPem()
                    + (emulator.exampleAnswersOnly ? "Every Action answers Tencent's documented example."
                    : "Read for real (RapidOCR): " + TextAnswers.actions().stream().sorted().toList() + " and the table Actions; the others answer "
                    + "Tencent's documented examples.")
                    + (latency.waits() ? "\nEach answer waits " + latency + ", as Tencent's do." : "")
                    + "\nCtrl-C stops it.");
            Thread.currentThread().join();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String rsaPublicKeyPem() {
        return envelopeKeys.rsaPublicKeyPem();
    }

    public String sm2PublicKeyPem() {
        return envelopeKeys.sm2PublicKeyPem();
    }

    /** The metadata service and STS of this emulator, and the temporary credentials they issued. */
    public TemporaryCredentialsIssuer temporaryCredentials() {
        return temporaryCredentials;
    }

    /**
     * With true, the text Actions too answer Tencent's documented example instead of reading the image: for tests that
     * need exact, known text, and for measuring the client rather than the OCR engine.
     */
    public void exampleAnswersOnly(final boolean examples) {
        this.exampleAnswersOnly = examples;
    }

    /** The asynchronous jobs submitted here: their concurrent-job limit, and forgetting them as Tencent forgets expired jobs. */
    public AsyncJobs asyncJobs() {
        return documents.jobs();
    }

    /**
     * Makes every later request wait this long before it is read and answered (drawn anew for each request when a range),
     * as Tencent takes 0.3 to 2 s. The request's body is taken in at once, then a timer hands it to a worker when its
     * time comes: waiting requests hold no thread, so hundreds can wait at once (100 calls per second at 1 s need 100).
     */
    public void latency(final Latency answerLatency) {
        this.latency = answerLatency;
    }

    /** One request's arrival: when (System.nanoTime, before any latency) and which Action (null for none). */
    public record Arrival(long nanos, String action) {
    }

    /** The requests that arrived, oldest first (the most recent 100,000). */
    public List<Arrival> arrivals() {
        return arrivals.all();
    }

    /** Calls answered per Action and outcome, e.g. "GeneralBasicOCR success" or "GeneralBasicOCR RequestLimitExceeded". */
    public long calls(final String key) {
        final AtomicLong count = calls.get(key);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /** Notes the arrival, then answers now or, with a latency, when the timer says so; the body is read at once either way. */
    private void arrive(final HttpExchange exchange) throws IOException {
        arrivals.add(exchange.getRequestHeaders().getFirst("X-TC-Action"));
        final Latency current = latency;
        if (!current.waits()) {
            handle(exchange);
            return;
        }
        try (InputStream in = exchange.getRequestBody()) {
            exchange.setStreams(new ByteArrayInputStream(in.readAllBytes()), null);
        }
        timer.schedule(() -> workers.execute(() -> {
            try {
                handle(exchange);
            } catch (final IOException | RuntimeException e) {
                exchange.close();
            }
        }), current.next().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            final String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
            final String requestId = UUID.randomUUID().toString();
            if (temporaryCredentials.handle(exchange, body, requestId)) {
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 200, error(exchange, "UnsupportedProtocol", "Only POST is supported here", requestId));
                return;
            }
            final boolean lkeap = action != null && DocumentParsingJobs.handles(action);
            final String signatureError = verifySignature(exchange, body, lkeap ? DocumentParsingJobs.SERVICE : "ocr");
            if (signatureError != null) {
                final String code = signatureError.substring(0, signatureError.indexOf(' '));
                count(action, code);
                answer(exchange, 200, error(exchange, code, signatureError.substring(code.length() + 1), requestId));
                return;
            }
            if (body.length > 10 * MEGABYTE) {
                count(action, "RequestSizeLimitExceeded");
                answer(exchange, 200, error(exchange, "RequestSizeLimitExceeded", "The request body exceeds 10 MB", requestId));
                return;
            }
            final JsonNode request;
            try {
                request = OBJECT_MAPPER.readTree(body);
            } catch (final IOException e) {
                answer(exchange, 200, error(exchange, "InvalidParameter", "The request body is not JSON", requestId));
                return;
            }
            if (lkeap) {
                answerDocumentParsing(exchange, action, request, requestId);
                return;
            }
            answerAction(exchange, action, request, requestId);
        }
    }

    private void answerDocumentParsing(final HttpExchange exchange, final String action, final JsonNode request, final String requestId) throws IOException {
        try {
            final byte[] answer = withRequestId(documentParsing.answer(action, request, endpoint()), requestId);
            count(action, "success");
            answer(exchange, 200, answer);
        } catch (final TencentError e) {
            count(action, e.code());
            answer(exchange, 200, error(exchange, e.code(), e.getMessage(), requestId));
        }
    }

    /** A document parsing job's result zip, by GET, as Tencent serves it from its temporary download link. */
    private void serveResult(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String name = exchange.getRequestURI().getPath().substring(DocumentParsingJobs.RESULT_PATH.length());
            final byte[] zip = "GET".equals(exchange.getRequestMethod()) && name.endsWith(".zip")
                    ? documentParsing.zip(name.substring(0, name.length() - ".zip".length())) : null;
            if (zip == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/zip");
            answer(exchange, 200, zip);
        }
    }

    private void answerAction(final HttpExchange exchange, final String action, final JsonNode request, final String requestId) throws IOException {
        final boolean encrypted = request.path("EncryptedBody").isTextual() && request.path("Encryption").isObject();
        final EnvelopeKeys.EnvelopeKey envelopeKey;
        final JsonNode parameters;
        try {
            envelopeKey = encrypted ? envelopeKeys.unwrap(request.get("Encryption")) : null;
            parameters = encrypted ? OBJECT_MAPPER.readTree(envelopeKey.open(request)) : request;
        } catch (final GeneralSecurityException | IOException | RuntimeException e) {
            count(action, "FailedOperation.DecryptFailed");
            answer(exchange, 200, error(exchange, "InvalidParameterValue", "EncryptedBody does not decrypt with Tencent's key: " + e.getMessage(), requestId));
            return;
        }
        if ("RecognizeEncryptedIDCardOCR".equals(action) && !encrypted) {
            answer(exchange, 200, error(exchange, "InvalidParameterValue", "本接口只支持加密传输 (this Action accepts encrypted requests only)", requestId));
            return;
        }
        final String imageBase64 = parameters.path("ImageBase64").asText("");
        final long limit = "TableOCR".equals(action) ? 3 * MEGABYTE : SEVEN_MEGABYTE_ACTIONS.contains(action) ? 7 * MEGABYTE : 10 * MEGABYTE;
        if (imageBase64.length() > limit) {
            count(action, "LimitExceeded.TooLargeFileError");
            answer(exchange, 200, error(exchange, "LimitExceeded.TooLargeFileError", "文件内容太大 (image over %d MB after Base64)".formatted(limit / MEGABYTE), requestId));
            return;
        }
        byte[] image = new byte[0];
        if (!imageBase64.isEmpty()) {
            try {
                image = Base64.getDecoder().decode(imageBase64);
            } catch (final IllegalArgumentException e) {
                count(action, "FailedOperation.ImageDecodeFailed");
                answer(exchange, 200, error(exchange, "FailedOperation.ImageDecodeFailed", "图片解码失败 (ImageBase64 is not Base64)", requestId));
                return;
            }
        } else if (!parameters.has("ImageUrl") && !parameters.has("ImageBase64List") && !parameters.has("ImageUrlList") && !"VatInvoiceVerifyNew".equals(action) && !action.startsWith("Describe") && !action.startsWith("Get")
                && !action.startsWith("Verify")) {
            answer(exchange, 200, error(exchange, "InvalidParameterValue.InvalidParameterValueLimit", "ImageBase64 or ImageUrl is required", requestId));
            return;
        }
        if (image.length >= FAULT.length && Arrays.equals(image, 0, FAULT.length, FAULT, 0, FAULT.length)) {
            injectFault(exchange, action, new String(image, FAULT.length, image.length - FAULT.length, StandardCharsets.US_ASCII).trim(), requestId);
            return;
        }
        final byte[] answer;
        try {
            final ObjectNode document = documents.answer(action, parameters, image, exampleAnswersOnly);
            answer = document != null ? withRequestId(document, requestId)
                    : readsText(action, image) ? textAnswer(action, parameters, image, requestId) : exampleAnswer(action, requestId);
        } catch (final TencentError e) {
            count(action, e.code());
            answer(exchange, 200, error(exchange, e.code(), e.getMessage(), requestId));
            return;
        }
        count(action, "success");
        answer(exchange, 200, encrypted ? envelopeKey.sealAnswer(answer, request.get("Encryption")) : answer);
    }

    private void injectFault(final HttpExchange exchange, final String action, final String fault, final String requestId) throws IOException {
        count(action, fault);
        switch (fault) {
            case "HTTP503" -> answer(exchange, 503, "<html><body>503 Service Temporarily Unavailable</body></html>".getBytes(StandardCharsets.US_ASCII));
            case "RESET" -> exchange.getResponseBody().close();
            case "DELAY" -> {
                sleep(10_000);
                answer(exchange, 200, exampleAnswer(action, requestId));
            }
            case "MALFORMED" -> {
                final byte[] whole = exampleAnswer(action, requestId);
                answer(exchange, 200, Arrays.copyOf(whole, whole.length / 2));
            }
            default -> answer(exchange, 200, error(exchange, fault, "Injected by the emulator: " + fault, requestId));
        }
    }

    private String verifySignature(final HttpExchange exchange, final byte[] body, final String service) {
        return signatures.check(exchange, body, service);
    }

    /** Text Actions sent an image (not a URL, which the emulator cannot fetch) are read, unless examples are asked for. */
    private boolean readsText(final String action, final byte[] image) {
        return !exampleAnswersOnly && image.length > 0 && (TextAnswers.reads(action) || TableAnswers.reads(action)) && textEngine() != null;
    }

    private static byte[] textAnswer(final String action, final JsonNode parameters, final byte[] image, final String requestId) throws TencentError {
        final ObjectNode response;
        try {
            response = TextAnswers.answer(action, parameters, image, TextEngine.shared());
        } catch (final RuntimeException e) {
            throw new TencentError("FailedOperation.OcrFailed", "识别失败 (the emulator's OCR engine failed: " + e.getMessage() + ")", e);
        }
        return withRequestId(response, requestId);
    }

    private static byte[] withRequestId(final ObjectNode response, final String requestId) {
        response.put("RequestId", requestId);
        return OBJECT_MAPPER.createObjectNode().set("Response", response).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The shared engine, or null (once warned) where RapidOCR has no native library for this platform: examples then. */
    private static TextEngine textEngine() {
        try {
            return TextEngine.shared();
        } catch (final IllegalStateException e) {
            if (ENGINE_WARNING.compareAndSet(false, true)) {
                System.getLogger(TencentOcrEmulator.class.getName()).log(System.Logger.Level.WARNING,
                        "Text Actions answer Tencent's documented examples: " + e.getMessage());
            }
            return null;
        }
    }

    private byte[] exampleAnswer(final String action, final String requestId) throws IOException {
        // the encrypted Action answers what IDCardOCR answers, then encrypted (Tencent's own example is already encrypted)
        final String fixture = "RecognizeEncryptedIDCardOCR".equals(action) ? "IDCardOCR-3" : ExampleAnswers.successful(action);
        try (InputStream in = TencentOcrEmulator.class.getResourceAsStream("/fixtures/" + fixture + ".json")) {
            final ObjectNode root;
            if (in == null) {
                root = (ObjectNode) OBJECT_MAPPER.readTree("{\"Response\": {}}");
            } else {
                root = (ObjectNode) OBJECT_MAPPER.readTree(in);
            }
            ((ObjectNode) root.get("Response")).put("RequestId", requestId);
            return OBJECT_MAPPER.writeValueAsBytes(root);
        }
    }

    private void count(final String action, final String outcome) {
        calls.computeIfAbsent(action + " " + outcome, key -> new AtomicLong()).incrementAndGet();
    }

    /** Tencent's error answer, its message in the request's language ({@link Wording}). */
    static byte[] error(final HttpExchange exchange, final String code, final String message, final String requestId) {
        return error(code, Wording.in(exchange, message), requestId);
    }

    static byte[] error(final String code, final String message, final String requestId) {
        final ObjectNode response = OBJECT_MAPPER.createObjectNode();
        response.putObject("Error").put("Code", code).put("Message", message);
        response.put("RequestId", requestId);
        return OBJECT_MAPPER.createObjectNode().set("Response", response).toString().getBytes(StandardCharsets.UTF_8);
    }

    static void answer(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
