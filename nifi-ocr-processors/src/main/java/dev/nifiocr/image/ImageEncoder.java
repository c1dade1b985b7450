package dev.nifiocr.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Writes one image, as often as the quality search needs, with one ImageIO writer. JPEG is written with the chroma
 * subsampling chosen for the image: 4:4:4 keeps coloured text edges, 4:2:0 only where the source had no more colour
 * detail than that to begin with.
 */
final class ImageEncoder implements AutoCloseable {

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private final OutputFormat format;
    private final int chromaHorizontal;
    private final int chromaVertical;
    private final ImageWriter writer;
    private IIOMetadata metadata;
    private ImageTypeSpecifier metadataType;

    /**
     * @param chromaHorizontal 1 for full chroma resolution across, 2 for half
     * @param chromaVertical 1 for full chroma resolution down, 2 for half
     */
    ImageEncoder(final OutputFormat format, final int chromaHorizontal, final int chromaVertical) throws IOException {
        final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
        if (!writers.hasNext()) {
            throw new IOException("No ImageIO writer for " + format.imageIoName());
        }
        this.format = format;
        this.chromaHorizontal = chromaHorizontal;
        this.chromaVertical = chromaVertical;
        this.writer = writers.next();
    }

    /** @param quality JPEG quality 1 to 100, ignored for PNG */
    byte[] encode(final BufferedImage image, final int quality) throws IOException {
        final ImageWriteParam param = param(quality);
        return write(new IIOImage(image, null, metadataFor(ImageTypeSpecifier.createFromRenderedImage(image), param)), param,
                image.getWidth() * image.getHeight());
    }

    /** JPEG from YCbCr samples as a JPEG reader's readRaster returns them: written as they are, no colour conversion. */
    byte[] encodeYCbCr(final Raster samples, final int quality) throws IOException {
        final ImageWriteParam param = param(quality);
        // metadata for an RGB image declares JFIF YCbCr; with a Raster the writer takes the samples to be in that colour space
        return write(new IIOImage(samples, null, metadataFor(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR), param)),
                param, samples.getWidth() * samples.getHeight());
    }

    private ImageWriteParam param(final int quality) {
        final ImageWriteParam param = writer.getDefaultWriteParam();
        if (format == OutputFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
        }
        return param;
    }

    private byte[] write(final IIOImage image, final ImageWriteParam param, final int pixels) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(8192, pixels / 2));
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            writer.write(null, image, param);
        } finally {
            writer.reset();
        }
        return out.toByteArray();
    }

    /** JPEG metadata with the chosen chroma subsampling, made once per image type; null (the writer's default) otherwise. */
    private IIOMetadata metadataFor(final ImageTypeSpecifier type, final ImageWriteParam param) throws IOException {
        if (format != OutputFormat.JPEG || type.getNumComponents() < 3) {
            return null;
        }
        if (metadata == null || !type.equals(metadataType)) {
            final IIOMetadata created = writer.getDefaultImageMetadata(type, param);
            final IIOMetadataNode root = (IIOMetadataNode) created.getAsTree(JPEG_METADATA);
            // the first component is luma: its factors relative to the chroma components' 1 x 1 set the subsampling
            final IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
            luma.setAttribute("HsamplingFactor", Integer.toString(chromaHorizontal));
            luma.setAttribute("VsamplingFactor", Integer.toString(chromaVertical));
            created.setFromTree(JPEG_METADATA, root);
            metadata = created;
            metadataType = type;
        }
        return metadata;
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
