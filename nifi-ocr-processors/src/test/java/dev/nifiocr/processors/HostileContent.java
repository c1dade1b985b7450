package dev.nifiocr.processors;

import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.Outcome;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hostile input through SplitDocument or CompressImage under nifi-mock, on a thread with the stack of NiFi's own
 * threads (1 MiB), checked against the promise: no exception reaches the framework (nifi-mock would roll back and fail
 * run()), the queue is empty, the input ends on exactly one relationship (SplitDocument: original beside its pages), and
 * a refusal carries a catalogued failure code and says why. The corpus tests and the fuzz tests share it.
 */
public final class HostileContent {

    /** The stack of a NiFi timer-driven thread on 64-bit Linux (-Xss default). */
    public static final long NIFI_THREAD_STACK = 1024 * 1024;
    /** A qualified class name, or an exception's or error's class name ("EOFException"; PDFBox's "Error: ..." is words). */
    private static final Pattern JAVA = Pattern.compile("\\b(?:java|javax|jdk|sun)\\.[a-z]|[A-Za-z](?:Exception|Error)\\b");
    private static final Set<String> OUT_OF_MEMORY = Set.of(ErrorCatalogue.DOCUMENT_OUT_OF_MEMORY, ErrorCatalogue.IMAGE_OUT_OF_MEMORY);

    /** Where the input ended: the relationship, and the code and message on failure (null otherwise). */
    public record End(String relationship, String code, String message) {

        /** Whether the heap ran out on it: a fuzz input a few KB long must never need that much. */
        public boolean ranTheHeapOut() {
            return code != null && OUT_OF_MEMORY.contains(code);
        }
    }

    private HostileContent() {
    }

    public static TestRunner splitDocument(final Map<String, String> properties) {
        final TestRunner runner = TestRunners.newTestRunner(SplitDocument.class);
        properties.forEach(runner::setProperty);
        return runner;
    }

    public static TestRunner compressImage(final Map<String, String> properties) {
        final TestRunner runner = TestRunners.newTestRunner(CompressImage.class);
        properties.forEach(runner::setProperty);
        return runner;
    }

    /** Runs the input through the runner's processor on a thread with {@link #NIFI_THREAD_STACK} and checks the promise. */
    public static End run(final TestRunner runner, final byte[] content) {
        final AtomicReference<Throwable> escaped = new AtomicReference<>();
        final Thread thread = new Thread(null, () -> {
            try {
                trigger(runner, content);
            } catch (final Throwable e) {
                escaped.set(e);
            }
        }, "hostile-content", NIFI_THREAD_STACK);
        thread.start();
        try {
            thread.join();
        } catch (final InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (escaped.get() != null) {
            throw new AssertionError("the session was rolled back: " + escaped.get(), escaped.get());
        }
        return end(runner, content);
    }

    /**
     * The same on the calling thread, for the fuzzer (whose timeouts and coverage follow its own thread): a few KB cannot
     * nest deep enough for the stack size to matter.
     */
    public static End runHere(final TestRunner runner, final byte[] content) {
        try {
            trigger(runner, content);
        } catch (final AssertionError e) {
            throw new AssertionError("the session was rolled back: " + e.getCause(), e);
        }
        return end(runner, content);
    }

    private static void trigger(final TestRunner runner, final byte[] content) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        runner.enqueue(content);
        runner.run();
    }

    private static End end(final TestRunner runner, final byte[] content) {
        runner.assertQueueEmpty();
        return runner.getProcessor() instanceof SplitDocument ? splitEnd(runner, content) : singleEnd(runner, content);
    }

    private static End splitEnd(final TestRunner runner, final byte[] content) {
        final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(SplitDocument.REL_FAILURE);
        final List<MockFlowFile> original = runner.getFlowFilesForRelationship(SplitDocument.REL_ORIGINAL);
        final int pages = runner.getFlowFilesForRelationship(SplitDocument.REL_SPLITS).size()
                + runner.getFlowFilesForRelationship(SplitDocument.REL_TEXT_LAYER).size();
        if (failed.isEmpty()) {
            assertEquals(1, original.size(), "the document on original");
            assertTrue(pages > 0, "pages beside original");
            assertEquals(Integer.toString(pages), original.getFirst().getAttribute("fragment.count"));
            return new End(SplitDocument.REL_ORIGINAL.getName(), null, null);
        }
        assertEquals(1, failed.size(), "the document on failure");
        assertEquals(0, original.size() + pages, "no page and no original beside a failure");
        return refused(failed.getFirst(), content, SplitDocument.REL_FAILURE);
    }

    private static End singleEnd(final TestRunner runner, final byte[] content) {
        int ended = 0;
        End end = null;
        for (final Relationship relationship : runner.getProcessor().getRelationships()) {
            final List<MockFlowFile> out = runner.getFlowFilesForRelationship(relationship);
            ended += out.size();
            if (!out.isEmpty()) {
                end = relationship.getName().equals("failure") ? refused(out.getFirst(), content, relationship)
                        : new End(relationship.getName(), out.getFirst().getAttribute(OcrAttributes.ERROR_CODE), null);
            }
        }
        assertEquals(1, ended, "the input on exactly one relationship");
        if (!end.relationship().equals("failure")) {
            assertNull(end.code(), "no error code beside success");
        }
        return end;
    }

    private static End refused(final MockFlowFile flowFile, final byte[] content, final Relationship relationship) {
        final String code = flowFile.getAttribute(OcrAttributes.ERROR_CODE);
        final String message = flowFile.getAttribute(OcrAttributes.ERROR_MESSAGE);
        assertNotNull(code, "a code on failure");
        assertTrue(ErrorCatalogue.find(code).isPresent(), code + " is in the error catalogue");
        assertEquals(Outcome.FAILURE, ErrorCatalogue.find(code).get().route(), code + " routes to failure");
        assertNotNull(message, "a message on failure");
        assertFalse(message.isBlank() || JAVA.matcher(message).find(), "a message in words, no Java class name: " + message);
        assertArrayEquals(content, flowFile.toByteArray(), "the refused input stays unchanged");
        return new End(relationship.getName(), code, message);
    }
}
