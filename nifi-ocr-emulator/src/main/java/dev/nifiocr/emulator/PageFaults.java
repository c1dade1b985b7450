package dev.nifiocr.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults injected by one page of a PDF, so that a test can make a single page of a long document fail while the others
 * succeed: a page whose text layer starts with {@code FAULT:<code>} always gets that error; one that starts with
 * {@code FAULT-ONCE:<code>} gets it on its first request only and is read normally when sent again (a transient fault,
 * retried alone). The page is recognised by its document's SHA-256 and its number, so a retry of the same page is known.
 */
final class PageFaults {

    static final String ALWAYS = "FAULT:";
    static final String ONCE = "FAULT-ONCE:";

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    /** Throws the fault the page asks for, if any. */
    void check(final byte[] document, final int pageNumber, final PdfPageText page) throws TencentError {
        if (page.lines().isEmpty()) {
            return;
        }
        final String first = page.lines().getFirst();
        if (first.startsWith(ALWAYS)) {
            throw injected(first.substring(ALWAYS.length()));
        }
        if (first.startsWith(ONCE) && failedOnce.add(sha256(document) + "#" + pageNumber)) {
            throw injected(first.substring(ONCE.length()));
        }
    }

    /** The code a page's fault marker names, or null when its first line is no marker. */
    static String marker(final PdfPageText page) {
        if (page.lines().isEmpty()) {
            return null;
        }
        final String first = page.lines().getFirst();
        return first.startsWith(ALWAYS) ? first.substring(ALWAYS.length()).strip()
                : first.startsWith(ONCE) ? first.substring(ONCE.length()).strip() : null;
    }

    private static TencentError injected(final String code) {
        return new TencentError(code.strip(), "Injected by the emulator for this page: " + code.strip());
    }

    private static String sha256(final byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
