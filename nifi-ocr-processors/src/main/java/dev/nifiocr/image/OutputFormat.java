package dev.nifiocr.image;

import org.apache.nifi.components.DescribedValue;

/** What CompressImage writes when it re-encodes an image. */
public enum OutputFormat implements DescribedValue {
    JPEG("JPEG", "jpeg", "image/jpeg", "Smallest files for photos and scans; quality is lowered step by step to fit the size limit."),
    PNG("PNG", "png", "image/png", "Lossless; only scaling makes it smaller. Suits screenshots and line art with few colours.");

    private final String displayName;
    private final String imageIoName;
    private final String mimeType;
    private final String description;

    OutputFormat(final String displayName, final String imageIoName, final String mimeType, final String description) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
        this.mimeType = mimeType;
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    public String imageIoName() {
        return imageIoName;
    }

    public String mimeType() {
        return mimeType;
    }
}
