package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * lkeap's document parsing jobs (service lkeap, API 2024-05-22): CreateReconstructDocumentFlow answers a TaskId at once;
 * GetReconstructDocumentResult then reports WaitExecute, Processing, and Success with the URL of a zip (one Markdown file
 * per page, from the PDF's text layer) served by this emulator, or Failed with Error.Code when a page carries a fault
 * marker ({@code FAULT:<code>}, see {@link PageFaults}).
 */
public final class DocumentParsingJobs {

    /** The signing service name of these Actions. */
    static final String SERVICE = "lkeap";
    /** Where result zips are served, under the emulator's endpoint. */
    static final String RESULT_PATH = "/lkeap-results/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] PENDING = {"WaitExecute", "Processing"};

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    private record Job(String failCode, byte[] zip, int pages, AtomicInteger polls) {
    }

    static boolean handles(final String action) {
        return "CreateReconstructDocumentFlow".equals(action) || "GetReconstructDocumentResult".equals(action);
    }

    /** The answer's fields (without RequestId); baseUrl is the emulator's endpoint, where the zip is served. */
    ObjectNode answer(final String action, final JsonNode parameters, final String baseUrl) throws TencentError {
        return "CreateReconstructDocumentFlow".equals(action) ? create(parameters) : result(parameters, baseUrl);
    }

    /** The result zip of a finished job, or null when there is none. */
    byte[] zip(final String taskId) {
        final Job job = jobs.get(taskId);
        return job == null || job.failCode() != null || job.polls().get() < PENDING.length ? null : job.zip();
    }

    private ObjectNode create(final JsonNode parameters) throws TencentError {
        final String fileType = parameters.path("FileType").asText("");
        if (fileType.isEmpty()) {
            throw new TencentError("MissingParameter", "缺少参数 FileType");
        }
        if (!parameters.path("FileBase64").isTextual()) {
            throw new TencentError("InvalidParameter", "The emulator reads FileBase64 only");
        }
        final byte[] file;
        try {
            file = Base64.getDecoder().decode(parameters.path("FileBase64").asText());
        } catch (final IllegalArgumentException e) {
            throw new TencentError("FailedOperation.FileDecodeFailed", "文件解码失败 (FileBase64 is not Base64)");
        }
        if (!"PDF".equalsIgnoreCase(fileType) || !Pages.isPdf(file)) {
            throw new TencentError("InvalidParameterValue", "The emulator parses PDFs only (FileType PDF)");
        }
        final int pages = PdfPageText.pageCount(file);
        final int first = parameters.path("FileStartPageNumber").asInt(1);
        final int last = parameters.path("FileEndPageNumber").asInt(pages);
        if (first < 1 || last < first || last > pages) {
            throw new TencentError("InvalidParameterValue", "FileStartPageNumber %d to FileEndPageNumber %d is not a window of this %d-page document"
                    .formatted(first, last, pages));
        }
        String failCode = null;
        final ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int page = first; page <= last; page++) {
                final PdfPageText text = PdfPageText.read(file, page);
                if (failCode == null) {
                    failCode = PageFaults.marker(text);
                }
                out.putNextEntry(new ZipEntry("page_%d.md".formatted(page)));
                out.write((String.join("\n\n", text.lines()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (final IOException e) {
            throw new IllegalStateException("Writing a zip to memory does not fail", e);
        }
        final String taskId = UUID.randomUUID().toString();
        jobs.put(taskId, new Job(failCode, zip.toByteArray(), last - first + 1, new AtomicInteger()));
        return JSON.objectNode().put("TaskId", taskId);
    }

    private ObjectNode result(final JsonNode parameters, final String baseUrl) throws TencentError {
        final String taskId = parameters.path("TaskId").asText("");
        final Job job = jobs.get(taskId);
        if (job == null) {
            throw new TencentError("InvalidParameterValue", "任务不存在 (TaskId [%s] is unknown)".formatted(taskId));
        }
        final int poll = job.polls().getAndIncrement();
        final ObjectNode response = JSON.objectNode();
        if (poll < PENDING.length) {
            return response.put("Status", PENDING[poll]);
        }
        if (job.failCode() != null) {
            response.put("Status", "Failed").putObject("Error").put("Code", job.failCode()).put("Message", "Injected by the emulator: " + job.failCode());
            return response;
        }
        response.put("Status", "Success").put("DocumentRecognizeResultUrl", baseUrl + RESULT_PATH + taskId + ".zip");
        response.putArray("FailedPages");
        response.putObject("Usage").put("PageNumber", job.pages()).put("SuccessPageNum", job.pages()).put("FailPageNum", 0)
                .put("TotalTokens", 0).put("FileSize", job.zip().length);
        return response;
    }
}
