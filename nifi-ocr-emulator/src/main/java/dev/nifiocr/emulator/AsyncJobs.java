package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tencent's asynchronous OCR jobs (the Submit...Job / Describe...Job pairs): a submit answers a JobId at once; the job then
 * reports WAIT on its first status call, RUN on the second and DONE (its whole result inline) or FAIL from the third on,
 * so a test sees every transition without waiting for a clock. A job whose document carries a fault marker on a page
 * ({@code FAULT:<code>}, see {@link PageFaults}) ends in FAIL with that ErrorCode. At most {@link #concurrentJobLimit}
 * jobs may be unfinished at once: a submit beyond it is answered with Tencent's throttling code, as an account at its
 * job limit is. The result of SubmitExtractDocAgentJob spans the pages of its window (FileStartPageNumber to
 * FileEndPageNumber; every page when not given, as Tencent documents no default), one line per page and field, each
 * with its PageIndex, the value read from the page's text layer.
 */
public final class AsyncJobs {

    /** Tencent's common throttling code, which the bundle classifies as THROTTLED (wait, do not fail). */
    static final String LIMIT_CODE = "RequestLimitExceeded";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Polls that report WAIT then RUN before the job is finished. */
    private static final String[] PENDING = {"WAIT", "RUN"};

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1334797167793684480L);
    private volatile int concurrentJobLimit = 5;

    private static final class Job {
        private final String failCode;
        private final ObjectNode result;
        private final AtomicInteger polls = new AtomicInteger();

        Job(final String failCode, final ObjectNode result) {
            this.failCode = failCode;
            this.result = result;
        }

        boolean finished() {
            return polls.get() >= PENDING.length;
        }
    }

    static boolean handles(final String action) {
        return (action.startsWith("Submit") || action.startsWith("Describe")) && action.endsWith("Job");
    }

    /** How many jobs may be waiting or running at once before a submit is throttled (default 5). */
    public void concurrentJobLimit(final int limit) {
        this.concurrentJobLimit = limit;
    }

    /** Forgets every job, as Tencent does with expired ones: their status calls then fail. */
    public void forgetAll() {
        jobs.clear();
    }

    /** The answer's fields (without RequestId) for a Submit...Job or Describe...Job call. */
    ObjectNode answer(final String action, final JsonNode parameters, final byte[] document) throws TencentError {
        return action.startsWith("Submit") ? submit(action, parameters, document) : describe(action, parameters);
    }

    private ObjectNode submit(final String action, final JsonNode parameters, final byte[] document) throws TencentError {
        final int count = "SubmitMarkEssayAgentJob".equals(action)
                ? Math.max(1, Math.max(parameters.path("ImageBase64List").size(), parameters.path("ImageUrlList").size())) : 1;
        final ObjectNode result = result(action, parameters, document);
        final String failCode = Pages.isPdf(document) ? failCode(document) : null;
        final List<String> ids = new ArrayList<>();
        synchronized (jobs) {
            final long unfinished = jobs.values().stream().filter(job -> !job.finished()).count();
            if (unfinished + count > concurrentJobLimit) {
                throw new TencentError(LIMIT_CODE, "请求的并发任务数超过了限制 (%d jobs are unfinished; the limit is %d)".formatted(unfinished, concurrentJobLimit));
            }
            for (int i = 0; i < count; i++) {
                final String id = Long.toString(nextId.getAndIncrement());
                jobs.put(id, new Job(failCode, result));
                ids.add(id);
            }
        }
        final ObjectNode response = JSON.objectNode();
        if ("SubmitMarkEssayAgentJob".equals(action)) {
            final ArrayNode jobIds = response.putArray("JobIds");
            ids.forEach(jobIds::add);
        } else {
            response.put("JobId", ids.getFirst());
        }
        return response;
    }

    private ObjectNode describe(final String action, final JsonNode parameters) throws TencentError {
        final String id = parameters.path("JobId").asText("");
        final Job job = jobs.get(id);
        if (job == null) {
            throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit", "任务不存在或已过期 (JobId [%s] is unknown)".formatted(id));
        }
        final int poll = job.polls.getAndIncrement();
        final ObjectNode response = JSON.objectNode();
        if (poll < PENDING.length) {
            response.put("JobStatus", PENDING[poll]).put("ErrorCode", "").put("ErrorMessage", "");
        } else if (job.failCode != null) {
            response.put("JobStatus", "FAIL").put("ErrorCode", job.failCode).put("ErrorMessage", "Injected by the emulator: " + job.failCode);
        } else {
            response.put("JobStatus", "DONE").put("ErrorCode", "").put("ErrorMessage", "");
            response.setAll(job.result);
        }
        return response;
    }

    /** The first fault marker on any page of the document, or null. */
    private static String failCode(final byte[] pdf) throws TencentError {
        final int pages = PdfPageText.pageCount(pdf);
        for (int page = 1; page <= pages; page++) {
            final String code = PageFaults.marker(PdfPageText.read(pdf, page));
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    /** The finished job's fields, as DescribeExtractDocAgentJob and the other Describe...Job Actions return them. */
    private static ObjectNode result(final String action, final JsonNode parameters, final byte[] document) throws TencentError {
        final ObjectNode result = JSON.objectNode();
        switch (action) {
            case "SubmitExtractDocAgentJob" -> {
                result.put("Angle", 0.0).put("ThoughtContent", "");
                result.set("StructuralList", structuralList(parameters, document));
            }
            case "SubmitMarkEssayAgentJob" -> result.put("Angle", 0.0).putArray("SentenceSuggests");
            case "SubmitQuestionMarkAgentJob" -> result.put("Angle", 0.0).putArray("MarkInfos");
            default -> result.putArray("QuestionInfo");
        }
        return result;
    }

    private static ArrayNode structuralList(final JsonNode parameters, final byte[] document) throws TencentError {
        final List<String> names = new ArrayList<>();
        parameters.path("ItemNames").forEach(item -> names.add(item.path("KeyName").asText("")));
        if (names.isEmpty()) {
            names.add("Text");
        }
        final boolean pdf = Pages.isPdf(document);
        final int pages = pdf ? PdfPageText.pageCount(document) : 1;
        final int first = parameters.path("FileStartPageNumber").asInt(1);
        final int last = parameters.path("FileEndPageNumber").asInt(pages);
        if (first < 1 || last < first || last > pages) {
            throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit",
                    "FileStartPageNumber %d to FileEndPageNumber %d is not a window of this %d-page document".formatted(first, last, pages));
        }
        final ArrayNode structural = JSON.arrayNode();
        final ArrayNode lines = structural.addObject().putArray("Groups").addObject().putArray("Lines");
        for (int page = first; page <= last; page++) {
            final String text = pdf ? String.join("\n", PdfPageText.read(document, page).lines()) : "";
            for (final String name : names) {
                final ObjectNode line = lines.addObject();
                line.putObject("Key").put("AutoName", name).put("ConfigName", name);
                line.putObject("Value").put("AutoContent", text).put("PageIndex", Integer.toString(page)).putNull("Coord");
            }
        }
        return structural;
    }
}
