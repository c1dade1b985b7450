package dev.nifiocr.image;

import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Proves that an image file is complete before it is passed through or decoded, by walking its structure (segment,
 * chunk and block lengths; TIFF strip and tile ranges) without decoding pixels: a truncated file is refused at the cost of
 * one scan of its bytes at most. Decoders fill a truncated image with gray and only warn, so this check is what makes a
 * decoder warning safe to ignore.
 */
final class Completeness {

    private static final int TIFF_UNCOMPRESSED = 1;

    private Completeness() {
    }

    /**
     * @param metadata what metadata-extractor read from the file (used for TIFF strips), or null
     * @throws ImageFitException {@link ImageFitException#CORRUPT_IMAGE} when the file ends early or its structure is broken
     */
    static void require(final byte[] input, final String format, final Metadata metadata) throws ImageFitException {
        final String problem = switch (format) {
            case "jpeg" -> jpeg(input);
            case "png" -> png(input);
            case "gif" -> gif(input);
            case "tiff" -> tiff(input, metadata);
            case "webp" -> riff(input);
            case "bmp" -> bmp(input);
            default -> null;
        };
        if (problem != null) {
            throw new ImageFitException(ImageFitException.CORRUPT_IMAGE, "Image is corrupt or truncated: " + problem);
        }
    }

    /** Markers from SOI to EOI: segment lengths, and entropy-coded data up to the next marker. */
    private static String jpeg(final byte[] in) {
        int position = 2;
        while (position + 1 < in.length) {
            if ((in[position] & 0xFF) != 0xFF) {
                return "JPEG has no marker at byte " + position;
            }
            while (position + 1 < in.length && (in[position + 1] & 0xFF) == 0xFF) {
                position++; // fill bytes
            }
            if (position + 1 >= in.length) {
                break;
            }
            final int marker = in[position + 1] & 0xFF;
            position += 2;
            if (marker == 0xD9) {
                return null;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (position + 2 > in.length) {
                break;
            }
            final int length = ((in[position] & 0xFF) << 8) | (in[position + 1] & 0xFF);
            position += length;
            if (position > in.length) {
                break;
            }
            if (marker == 0xDA) {
                position = nextMarkerAfterEntropyData(in, position);
            }
        }
        return "JPEG ends after %,d bytes without its end-of-image marker".formatted(in.length);
    }

    private static int nextMarkerAfterEntropyData(final byte[] in, final int start) {
        for (int position = start; position + 1 < in.length; position++) {
            if ((in[position] & 0xFF) == 0xFF) {
                final int next = in[position + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return position;
                }
            }
        }
        return in.length;
    }

    /** Chunks from the signature to IEND. */
    private static String png(final byte[] in) {
        final ByteBuffer buffer = ByteBuffer.wrap(in);
        long position = 8;
        while (position + 8 <= in.length) {
            final long length = buffer.getInt((int) position) & 0xFFFFFFFFL;
            final boolean end = "IEND".equals(new String(in, (int) position + 4, 4, StandardCharsets.US_ASCII));
            position += 12 + length;
            if (position > in.length) {
                break;
            }
            if (end) {
                return null;
            }
        }
        return "PNG ends after %,d bytes without its IEND chunk".formatted(in.length);
    }

    /** Blocks from the screen descriptor to the trailer. */
    private static String gif(final byte[] in) {
        if (in.length < 13) {
            return "GIF header is incomplete";
        }
        int position = 13 + colorTableSize(in[10]);
        while (position < in.length) {
            final int block = in[position] & 0xFF;
            if (block == 0x3B) {
                return null;
            } else if (block == 0x21) {
                position = skipSubBlocks(in, position + 2);
            } else if (block == 0x2C) {
                if (position + 10 > in.length) {
                    break;
                }
                position = skipSubBlocks(in, position + 10 + colorTableSize(in[position + 9]) + 1);
            } else {
                return "GIF has an unknown block 0x%02X at byte %,d".formatted(block, position);
            }
        }
        return "GIF ends after %,d bytes without its trailer".formatted(in.length);
    }

    private static int colorTableSize(final byte packed) {
        return (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;
    }

    private static int skipSubBlocks(final byte[] in, final int start) {
        int position = start;
        while (position < in.length) {
            final int size = in[position] & 0xFF;
            position += 1 + size;
            if (size == 0) {
                return position;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String riff(final byte[] in) {
        if (in.length < 12) {
            return "WebP header is incomplete";
        }
        final long declared = 8 + (ByteBuffer.wrap(in, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL);
        return in.length < declared ? "WebP declares %,d bytes but has %,d".formatted(declared, in.length) : null;
    }

    private static String bmp(final byte[] in) {
        if (in.length < 14) {
            return "BMP header is incomplete";
        }
        final long declared = ByteBuffer.wrap(in, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        return in.length < declared ? "BMP declares %,d bytes but has %,d".formatted(declared, in.length) : null;
    }

    /**
     * Every strip or tile of the first page lies inside the file; uncompressed strips hold the rows they carry (the last
     * strip carries only what is left of the image, which is why a short last strip is valid).
     */
    private static String tiff(final byte[] in, final Metadata metadata) {
        final Directory ifd = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd == null) {
            return null; // no readable directory: the decoder will refuse it
        }
        final boolean tiled = ifd.containsTag(ExifDirectoryBase.TAG_TILE_OFFSETS);
        final long[] offsets = longs(ifd, tiled ? ExifDirectoryBase.TAG_TILE_OFFSETS : ExifDirectoryBase.TAG_STRIP_OFFSETS);
        final long[] counts = longs(ifd, tiled ? ExifDirectoryBase.TAG_TILE_BYTE_COUNTS : ExifDirectoryBase.TAG_STRIP_BYTE_COUNTS);
        if (offsets == null || counts == null || offsets.length != counts.length) {
            return null;
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > in.length) {
                return "TIFF %s %d of %d ends at byte %,d, the file has %,d".formatted(tiled ? "tile" : "strip", i + 1, offsets.length,
                        offsets[i] + counts[i], in.length);
            }
        }
        return tiled ? null : uncompressedStripsHoldTheirRows(ifd, counts);
    }

    private static String uncompressedStripsHoldTheirRows(final Directory ifd, final long[] counts) {
        final long[] bits = longs(ifd, ExifDirectoryBase.TAG_BITS_PER_SAMPLE);
        final Integer compression = ifd.getInteger(ExifDirectoryBase.TAG_COMPRESSION);
        final Integer planar = ifd.getInteger(ExifDirectoryBase.TAG_PLANAR_CONFIGURATION);
        final Integer width = ifd.getInteger(ExifDirectoryBase.TAG_IMAGE_WIDTH);
        final Integer height = ifd.getInteger(ExifDirectoryBase.TAG_IMAGE_HEIGHT);
        if (compression == null || compression != TIFF_UNCOMPRESSED || (planar != null && planar != 1) || width == null || height == null || bits == null) {
            return null;
        }
        final Long rowsPerStripTag = ifd.getLongObject(ExifDirectoryBase.TAG_ROWS_PER_STRIP);
        final long rowsPerStrip = rowsPerStripTag == null ? height : Math.min(rowsPerStripTag, height);
        long bitsPerPixel = 0;
        for (final long sample : bits) {
            bitsPerPixel += sample;
        }
        final long rowBytes = (width * bitsPerPixel + 7) / 8;
        for (int strip = 0; strip < counts.length; strip++) {
            final long rows = Math.max(0, Math.min(rowsPerStrip, height - strip * rowsPerStrip));
            if (counts[strip] < rows * rowBytes) {
                return "TIFF strip %d of %d holds %,d bytes, its %d rows need %,d".formatted(strip + 1, counts.length, counts[strip], rows, rows * rowBytes);
            }
        }
        return null;
    }

    private static long[] longs(final Directory directory, final int tag) {
        final Object value = directory.getObject(tag);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new long[]{number.longValue()};
        }
        if (value instanceof long[] array) {
            return array;
        }
        if (value instanceof int[] array) {
            final long[] result = new long[array.length];
            for (int i = 0; i < array.length; i++) {
                result[i] = array[i] & 0xFFFFFFFFL;
            }
            return result;
        }
        if (value instanceof short[] array) {
            final long[] result = new long[array.length];
            for (int i = 0; i < array.length; i++) {
                result[i] = array[i] & 0xFFFFL;
            }
            return result;
        }
        return null;
    }
}
