package dev.nifiocr.document;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDPage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a page's content streams inflate, measured before PDFBox copies or reads the page: PDFBox holds a page's decoded
 * content whole in the heap for both (PDDocument.importPage, the text stripper), so a few KB that inflate to gigabytes
 * would run the heap out. The streams are decoded with PDFBox's own filters into a counter that stops at the budget.
 */
final class PageContent {

    private PageContent() {
    }

    /** @throws DocumentException {@link DocumentException#PAGE_TOO_LARGE} when the content inflates beyond the budget */
    static void requireWithin(final PDPage page, final int pageNumber, final long budget) throws IOException, DocumentException {
        final Counter counter = new Counter(budget);
        for (final COSStream stream : items(page.getCOSObject().getDictionaryObject(COSName.CONTENTS), COSStream.class)) {
            decode(stream, counter);
            if (counter.exceeded()) {
                throw new DocumentException(DocumentException.PAGE_TOO_LARGE, ("The content of page %d inflates to more than %,d bytes, half of "
                        + "NiFi's heap (a decompression bomb): refused before it is read").formatted(pageNumber, budget));
            }
        }
    }

    /** A page's /Contents (one stream or an array of them), or a stream's /Filter (one name or an array): the items of that type. */
    private static <T extends COSBase> List<T> items(final COSBase value, final Class<T> type) {
        final List<T> items = new ArrayList<>();
        if (type.isInstance(value)) {
            items.add(type.cast(value));
        } else if (value instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (type.isInstance(array.getObject(i))) {
                    items.add(type.cast(array.getObject(i)));
                }
            }
        }
        return items;
    }

    /** Decodes filter by filter: each stage but the last into a buffer capped by the budget, the last into the counter. */
    private static void decode(final COSStream stream, final Counter counter) throws IOException {
        final List<COSName> filters = items(stream.getFilters(), COSName.class);
        InputStream input = stream.createRawInputStream();
        try {
            if (filters.isEmpty()) {
                input.transferTo(counter);
                return;
            }
            for (int index = 0; index < filters.size() && !counter.exceeded(); index++) {
                final Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(index));
                if (index == filters.size() - 1) {
                    filter.decode(input, counter, stream, index);
                } else {
                    final Counter stage = new Counter(counter.remaining());
                    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    filter.decode(input, stage.into(buffer), stream, index);
                    if (stage.exceeded()) {
                        counter.exceed();
                        return;
                    }
                    input.close();
                    input = new ByteArrayInputStream(buffer.toByteArray());
                }
            }
        } catch (final Counter.Full full) {
            counter.exceed(); // the budget is spent: decoding stopped there
        } finally {
            input.close();
        }
    }

    /** Counts bytes written, passing them on when it has a target, and stops (throws) once past its budget. */
    private static final class Counter extends OutputStream {
        private final long budget;
        private long count;
        private OutputStream target = OutputStream.nullOutputStream();

        Counter(final long budget) {
            this.budget = budget;
        }

        Counter into(final OutputStream out) {
            target = out;
            return this;
        }

        long remaining() {
            return Math.max(0, budget - count);
        }

        boolean exceeded() {
            return count > budget;
        }

        void exceed() {
            count = budget + 1;
        }

        @Override
        public void write(final int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            count += length;
            if (exceeded()) {
                throw new Full();
            }
            target.write(bytes, offset, length);
        }

        /** Thrown through the filter to stop it; some filters swallow it, so {@link #exceeded()} is what counts. */
        static final class Full extends IOException {
            Full() {
                super("budget spent", null);
            }
        }
    }
}
