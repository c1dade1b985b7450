package dev.nifiocr.document;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * Hostile PDFs and TIFFs, written byte by byte in the test so that each one is exactly the structure named: page trees
 * nested or looping, page-count and pixel bombs, compressed bombs, broken cross-reference tables, CCITT and JBIG2 data
 * that is not what it claims.
 */
public final class HostileDocuments {

    private HostileDocuments() {
    }

    // ---- PDF ----

    /** A PDF written object by object, with a classic cross-reference table (or none, or a broken one). */
    static final class Pdf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Integer> offsets = new ArrayList<>();

        Pdf() {
            ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
            offsets.add(0);
        }

        /** Adds object number {@code offsets.size()}; returns it. */
        int object(final String body) {
            offsets.add(out.size());
            final int number = offsets.size() - 1;
            ascii(number + " 0 obj\n" + body + "\nendobj\n");
            return number;
        }

        int stream(final String dictionary, final byte[] data) {
            offsets.add(out.size());
            final int number = offsets.size() - 1;
            ascii(number + " 0 obj\n<<" + dictionary + "/Length " + data.length + ">>\nstream\n");
            out.writeBytes(data);
            ascii("\nendstream\nendobj\n");
            return number;
        }

        byte[] withXref(final int root) {
            final int xref = out.size();
            final StringBuilder table = new StringBuilder("xref\n0 " + offsets.size() + "\n0000000000 65535 f \n");
            for (int i = 1; i < offsets.size(); i++) {
                table.append("%010d 00000 n \n".formatted(offsets.get(i)));
            }
            ascii(table + "trailer\n<</Size " + offsets.size() + "/Root " + root + " 0 R>>\nstartxref\n" + xref + "\n%%EOF\n");
            return out.toByteArray();
        }

        private void ascii(final String text) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static final String PAGE = "/Type/Page/MediaBox[0 0 612 792]";

    /** One page under a chain of {@code depth} Pages nodes: PDFBox walks the tree recursively. */
    public static byte[] deepPageTree(final int depth) {
        final Pdf pdf = new Pdf();
        // objects: 1 catalog, 2..depth+1 Pages nodes (2 is the root), depth+2 the page
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        for (int level = 0; level < depth; level++) {
            final int number = 2 + level;
            pdf.object("<</Type/Pages/Kids[" + (number + 1) + " 0 R]/Count 1" + (level > 0 ? "/Parent " + (number - 1) + " 0 R" : "") + ">>");
        }
        pdf.object("<<" + PAGE + "/Parent " + (depth + 1) + " 0 R>>");
        return pdf.withXref(1);
    }

    /** A page tree whose second kid is the root again, and which declares two pages. */
    public static byte[] cyclicPageTree() {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[2 0 R]/Count 1/Parent 2 0 R>>");
        return pdf.withXref(1);
    }

    /** One page, whose tree declares 2,147,483,647. */
    public static byte[] pageCountBomb() {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R]/Count 2147483647>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R>>");
        return pdf.withXref(1);
    }

    /** A page whose resources are an array nested {@code depth} levels deep: PDFBox's object parser recurses into it. */
    public static byte[] deeplyNestedObject(final int depth) {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R]/Count 1>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R/Resources<</Nested 4 0 R>>>>");
        pdf.object("[".repeat(depth) + "]".repeat(depth));
        return pdf.withXref(1);
    }

    /** A page whose content stream inflates from a few hundred KB to {@code inflatedBytes} of one endless number token. */
    public static byte[] contentStreamBomb(final int inflatedBytes) {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R]/Count 1>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R/Contents 4 0 R>>");
        pdf.stream("/Filter/FlateDecode", deflateRepeated((byte) '7', inflatedBytes, new byte[0]));
        return pdf.withXref(1);
    }

    /**
     * Catalog, page tree and page stored in an object stream whose objects sit behind {@code paddingBytes} of inflated
     * whitespace, listed by a cross-reference stream: whoever reads the page inflates the bomb.
     */
    public static byte[] objectStreamBomb(final int paddingBytes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int[] offsets = new int[4];
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        final String objects = "<</Type/Catalog/Pages 2 0 R>> <</Type/Pages/Kids[3 0 R]/Count 1>> <<" + PAGE + "/Parent 2 0 R>>";
        final int second = objects.indexOf("<</Type/Pages");
        final int third = objects.indexOf("<<" + PAGE);
        final String header = "1 0 2 " + second + " 3 " + third + " ";
        final byte[] tail = objects.getBytes(StandardCharsets.ISO_8859_1);
        final byte[] data = deflateRepeated((byte) ' ', paddingBytes, tail, header.getBytes(StandardCharsets.ISO_8859_1));
        offsets[1] = out.size();
        out.writeBytes(("4 0 obj\n<</Type/ObjStm/N 3/First " + (header.length() + paddingBytes) + "/Filter/FlateDecode/Length " + data.length
                + ">>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        // cross-reference stream: W [1 4 2]; 0 free, 1..3 in object stream 4, 4 at its offset, 5 the xref stream itself
        final int xref = out.size();
        final ByteBuffer entries = ByteBuffer.allocate(6 * 7);
        entries.put((byte) 0).putInt(0).putShort((short) 0xFFFF);
        for (int index = 0; index < 3; index++) {
            entries.put((byte) 2).putInt(4).putShort((short) index);
        }
        entries.put((byte) 1).putInt(offsets[1]).putShort((short) 0);
        entries.put((byte) 1).putInt(xref).putShort((short) 0);
        out.writeBytes(("5 0 obj\n<</Type/XRef/Size 6/W[1 4 2]/Root 1 0 R/Length " + entries.capacity() + ">>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(entries.array());
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A valid two-page PDF whose cross-reference table is cut off in the middle, and whose startxref points past the end. */
    public static byte[] truncatedXref() {
        final byte[] pdf = TestDocuments.pdf(2);
        final String text = new String(pdf, StandardCharsets.ISO_8859_1);
        final int xref = text.lastIndexOf("xref\n");
        final String cut = text.substring(0, Math.min(text.length(), xref + 30)) + "\ntrailer\n<</Root 1 0 R>>\nstartxref\n" + (pdf.length * 10) + "\n%%EOF\n";
        return cut.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A page whose cross-reference table has a /Prev pointing back at itself. */
    public static byte[] xrefPrevLoop() {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R]/Count 1>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R>>");
        final String text = new String(pdf.withXref(1), StandardCharsets.ISO_8859_1);
        final int startxref = Integer.parseInt(text.substring(text.lastIndexOf("startxref\n") + 10, text.lastIndexOf("\n%%EOF")).trim());
        return text.replace("/Root 1 0 R>>", "/Root 1 0 R/Prev " + startxref + ">>").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A page drawing an image XObject whose JBIG2 data is noise and whose globals stream refers to itself. */
    public static byte[] jbig2Noise() {
        final Pdf pdf = new Pdf();
        pdf.object("<</Type/Catalog/Pages 2 0 R>>");
        pdf.object("<</Type/Pages/Kids[3 0 R]/Count 1>>");
        pdf.object("<<" + PAGE + "/Parent 2 0 R/Resources<</XObject<</Im0 5 0 R>>>>/Contents 4 0 R>>");
        pdf.stream("", "q 612 0 0 792 0 0 cm /Im0 Do Q".getBytes(StandardCharsets.ISO_8859_1));
        pdf.stream("/Type/XObject/Subtype/Image/Width 2550/Height 3300/BitsPerComponent 1/ColorSpace/DeviceGray/Filter/JBIG2Decode"
                + "/DecodeParms<</JBIG2Globals 6 0 R>>", noise(1024, 2));
        pdf.stream("/Filter/JBIG2Decode/DecodeParms<</JBIG2Globals 6 0 R>>", noise(64, 3));
        return pdf.withXref(1);
    }

    private static byte[] deflateRepeated(final byte fill, final int count, final byte[] tail, final byte[]... heads) {
        final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        final byte[] buffer = new byte[1 << 16];
        for (final byte[] head : heads) {
            deflate(deflater, head, compressed, buffer);
        }
        final byte[] block = new byte[1 << 20];
        Arrays.fill(block, fill);
        for (int left = count; left > 0; left -= block.length) {
            deflate(deflater, left >= block.length ? block : Arrays.copyOf(block, left), compressed, buffer);
        }
        deflater.setInput(tail);
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return compressed.toByteArray();
    }

    private static void deflate(final Deflater deflater, final byte[] input, final ByteArrayOutputStream out, final byte[] buffer) {
        deflater.setInput(input);
        while (!deflater.needsInput()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
    }

    static byte[] noise(final int length, final long seed) {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    // ---- TIFF ----

    private static final int DATA_OFFSET = 2048;
    private static final short SHORT = 3;
    private static final short LONG = 4;

    /** One IFD entry: tag, type (SHORT or LONG), one value. */
    record Entry(int tag, short type, int value) {
    }

    /**
     * A little-endian TIFF whose IFDs are at the offsets given, each with its entries (sorted here) and the offset of the
     * next one; the image data follows at offset 2048.
     */
    static byte[] tiff(final byte[] data, final List<List<Entry>> ifds, final int[] ifdOffsets, final int[] nextOffsets) {
        final int dataOffset = DATA_OFFSET;
        final ByteBuffer buffer = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffsets[0]);
        for (int i = 0; i < ifds.size(); i++) {
            final List<Entry> entries = new ArrayList<>(ifds.get(i));
            entries.sort((a, b) -> Integer.compare(a.tag(), b.tag()));
            buffer.position(ifdOffsets[i]);
            buffer.putShort((short) entries.size());
            for (final Entry entry : entries) {
                buffer.putShort((short) entry.tag()).putShort(entry.type()).putInt(1);
                if (entry.type() == SHORT) {
                    buffer.putShort((short) entry.value()).putShort((short) 0);
                } else {
                    buffer.putInt(entry.value());
                }
            }
            buffer.putInt(nextOffsets[i]);
        }
        buffer.position(dataOffset);
        buffer.put(data);
        return buffer.array();
    }

    /** The entries of a one-strip image at offset 2048. */
    static List<Entry> strip(final int width, final int height, final int bitsPerSample, final int samples, final int compression,
                             final int photometric, final int stripBytes) {
        final List<Entry> entries = new ArrayList<>(List.of(new Entry(256, LONG, width), new Entry(257, LONG, height),
                new Entry(258, SHORT, bitsPerSample), new Entry(259, SHORT, compression), new Entry(262, SHORT, photometric),
                new Entry(273, LONG, DATA_OFFSET), new Entry(277, SHORT, samples), new Entry(278, LONG, height), new Entry(279, LONG, stripBytes)));
        return entries;
    }

    private static byte[] grayTiff(final int width, final int height, final int nextOffset) {
        final byte[] pixels = new byte[width * height];
        Arrays.fill(pixels, (byte) 0xFF);
        return tiff(pixels, List.of(strip(width, height, 8, 1, 1, 1, pixels.length)), new int[] {8}, new int[] {nextOffset});
    }

    /** A one-page gray TIFF, uncompressed, in one strip. */
    public static byte[] grayTiff(final int width, final int height) {
        return grayTiff(width, height, 0);
    }

    /** A one-page TIFF whose IFD names itself as the next one: a chain that never ends. */
    public static byte[] tiffIfdLoop() {
        return grayTiff(32, 24, 8);
    }

    /** Two IFDs naming each other as the next one. */
    public static byte[] tiffTwoIfdLoop() {
        final byte[] pixels = new byte[32 * 24];
        final List<Entry> page = strip(32, 24, 8, 1, 1, 1, pixels.length);
        return tiff(pixels, List.of(page, page), new int[] {8, 1024}, new int[] {1024, 8});
    }

    /** A one-page TIFF whose SubIFDs tag points at its own IFD. */
    public static byte[] tiffSubIfdLoop() {
        final byte[] pixels = new byte[32 * 24];
        final List<Entry> page = new ArrayList<>(strip(32, 24, 8, 1, 1, 1, pixels.length));
        page.add(new Entry(330, LONG, 8));
        return tiff(pixels, List.of(page), new int[] {8}, new int[] {0});
    }

    /** A page declaring width x height RGB pixels, with a strip of a few bytes. */
    public static byte[] tiffDeclaring(final int width, final int height) {
        final byte[] pixels = new byte[16];
        return tiff(pixels, List.of(strip(width, height, 8, 3, 1, 2, pixels.length)), new int[] {8}, new int[] {0});
    }

    /** A blank RGB page of width x height pixels, Deflate-compressed into a few hundred KB: whole, only its size is hostile. */
    public static byte[] tiffDeflatedBlank(final int width, final int height) {
        final byte[] data = deflateRepeated((byte) 0xFF, width * height * 3, new byte[0]);
        return tiff(data, List.of(strip(width, height, 8, 3, 8, 2, data.length)), new int[] {8}, new int[] {0});
    }

    /** A black-and-white page in CCITT compression (3: T.4, 4: T.6), whose data is noise. */
    public static byte[] tiffCcittNoise(final int compression) {
        final byte[] data = noise(1024, compression);
        return tiff(data, List.of(strip(1700, 2200, 1, 1, compression, 0, data.length)), new int[] {8}, new int[] {0});
    }

    /** CCITT T.6 declared for 8-bit gray samples, a combination the format does not have. */
    public static byte[] tiffCcittEightBit() {
        final byte[] data = noise(512, 9);
        return tiff(data, List.of(strip(64, 48, 8, 1, 4, 1, data.length)), new int[] {8}, new int[] {0});
    }

    /** JBIG compression (9), which no reader here decodes. */
    public static byte[] tiffJbig() {
        final byte[] data = noise(512, 10);
        return tiff(data, List.of(strip(64, 48, 1, 1, 9, 0, data.length)), new int[] {8}, new int[] {0});
    }

    /** A strip whose offset and byte count point far beyond the end of the file. */
    public static byte[] tiffStripBeyondEnd() {
        final List<Entry> page = new ArrayList<>(strip(64, 48, 8, 1, 1, 1, 1 << 30));
        page.removeIf(entry -> entry.tag() == 273);
        page.add(new Entry(273, LONG, Integer.MAX_VALUE - 16));
        return tiff(new byte[16], List.of(page), new int[] {8}, new int[] {0});
    }
}
