package dev.nifiocr.document;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a FlowFile's content is, as NiFi's two attributes tell it to the next processor and to PutFile: the file name's
 * extension and {@code mime.type}. A processor that changes what the content is gives it the matching pair and keeps the
 * base name: {@code scan.page-0003.pdf} read to text is {@code scan.page-0003.txt}. A name whose extension already fits
 * (any case, any usual spelling: {@code SCAN.PDF}, {@code photo.jpeg}) is kept as it is.
 */
public enum ContentName {
    JSON("application/json", "json"),
    TEXT("text/plain; charset=UTF-8", "txt", "text"),
    ZIP("application/zip", "zip"),
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg", "jpeg", "jpe", "jfif"),
    BMP("image/bmp", "bmp");

    /** The base of a name with none: what NiFi would never give, but a FlowFile may carry an empty filename. */
    static final String NO_NAME = "document";
    // What reads as an extension: a short run of letters and digits, not all digits (report.2024 keeps its .2024)
    private static final Pattern EXTENSION = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,8}");

    private final String mimeType;
    private final List<String> extensions;

    ContentName(final String mimeType, final String... extensions) {
        this.mimeType = mimeType;
        this.extensions = List.of(extensions);
    }

    public String mimeType() {
        return mimeType;
    }

    /** The extension this bundle writes, without the dot. */
    public String extension() {
        return extensions.getFirst();
    }

    /** The file name for this content: the name kept when its extension fits, else its base with this extension. */
    public String filename(final String filename) {
        final String extension = extension(filename);
        if (extension != null && extensions.contains(extension.toLowerCase(Locale.ROOT))) {
            return filename;
        }
        return base(filename) + "." + extension();
    }

    /** {@code filename} and {@code mime.type} for this content, from the FlowFile's current file name. */
    public Map<String, String> attributes(final String filename) {
        return Map.of("filename", filename(filename), "mime.type", mimeType);
    }

    /** The image format names ImageIO and {@code FittedImage} use (jpeg, png, bmp, pdf). */
    public static ContentName ofFormat(final String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            case "bmp" -> BMP;
            case "pdf" -> PDF;
            default -> throw new IllegalArgumentException("No content name for format " + format);
        };
    }

    /**
     * The name without its extension: {@code a.b.tiff} is {@code a.b}; a hidden file's leading dot is no extension
     * ({@code .scan} stays {@code .scan}); an empty or absent name is {@value #NO_NAME}.
     */
    public static String base(final String filename) {
        if (filename == null || filename.isBlank()) {
            return NO_NAME;
        }
        final String extension = extension(filename);
        return extension == null ? filename : filename.substring(0, filename.length() - extension.length() - 1);
    }

    /** The extension as written (case kept), or null when the name has none. */
    private static String extension(final String filename) {
        if (filename == null) {
            return null;
        }
        final int dot = filename.lastIndexOf('.');
        final int start = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1;
        if (dot <= start) {
            return null;
        }
        final String extension = filename.substring(dot + 1);
        // a trailing dot is an empty extension: scan. becomes scan.json, not scan..json
        return extension.isEmpty() || EXTENSION.matcher(extension).matches() ? extension : null;
    }
}
