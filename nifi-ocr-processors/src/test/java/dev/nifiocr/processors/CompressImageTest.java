package dev.nifiocr.processors;

import dev.nifiocr.image.ImageFitException;
import dev.nifiocr.image.ImageLimits;
import dev.nifiocr.test.TestImages;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompressImageTest {

    private TestRunner runner;

    @BeforeEach
    void setRunner() {
        runner = TestRunners.newTestRunner(CompressImage.class);
    }

    @Test
    void passesFittingImagesThroughAndSaysSo() {
        final byte[] jpeg = TestImages.jpeg(TestImages.textPage(1000, 800, BufferedImage.TYPE_INT_RGB, 1), 0.85f);
        runner.enqueue(jpeg, Map.of("mime.type", "image/jpeg", "filename", "photo.JPEG"));

        runner.run();

        runner.assertAllFlowFilesTransferred(CompressImage.REL_SUCCESS, 1);
        final MockFlowFile output = runner.getFlowFilesForRelationship(CompressImage.REL_SUCCESS).getFirst();
        assertArrayEquals(jpeg, output.toByteArray());
        output.assertAttributeEquals(OcrAttributes.IMAGE_CHANGED, "false");
        output.assertAttributeEquals(OcrAttributes.IMAGE_WIDTH, "1000");
        output.assertAttributeNotExists(OcrAttributes.IMAGE_QUALITY);
        output.assertAttributeEquals("filename", "photo.JPEG");
        assertEquals(1L, runner.getCounterValue("Images Passed Through"));
    }

    @Test
    void compressesToTheSizeTakenFromAnAttribute() {
        final byte[] png = TestImages.encode(TestImages.grain(TestImages.textPage(2000, 1500, BufferedImage.TYPE_INT_RGB, 2), 10, 2), "png");
        runner.setProperty(CompressImage.MAXIMUM_ENCODED_SIZE, "${ocr.limit}");
        runner.enqueue(png, Map.of("ocr.limit", "1 MB", "filename", "scan.page-0002.png"));

        runner.run();

        runner.assertAllFlowFilesTransferred(CompressImage.REL_SUCCESS, 1);
        final MockFlowFile output = runner.getFlowFilesForRelationship(CompressImage.REL_SUCCESS).getFirst();
        assertTrue(ImageLimits.base64Length(output.getSize()) <= 1024 * 1024);
        output.assertAttributeEquals(OcrAttributes.IMAGE_CHANGED, "true");
        output.assertAttributeEquals(OcrAttributes.IMAGE_FORMAT, "jpeg");
        output.assertAttributeEquals(OcrAttributes.IMAGE_ORIGINAL_FORMAT, "png");
        output.assertAttributeEquals(OcrAttributes.IMAGE_ORIGINAL_BYTES, Integer.toString(png.length));
        output.assertAttributeEquals(OcrAttributes.IMAGE_BYTES, Long.toString(output.getSize()));
        output.assertAttributeEquals("mime.type", "image/jpeg");
        output.assertAttributeEquals("filename", "scan.page-0002.jpg");
        assertTrue(Integer.parseInt(output.getAttribute(OcrAttributes.IMAGE_QUALITY)) >= 50);
        assertEquals(1L, runner.getCounterValue("Images Compressed"));
        assertEquals((long) png.length - output.getSize(), runner.getCounterValue("Image Bytes Saved"));
    }

    @Test
    void sendsRefusedContentUnchangedToFailure() {
        final byte[] jpeg = TestImages.jpeg(TestImages.textPage(1000, 800, BufferedImage.TYPE_INT_RGB, 3), 0.9f);
        final byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);
        runner.setProperty(CompressImage.MAXIMUM_ENCODED_SIZE, "10 KB");
        runner.enqueue(truncated);
        runner.enqueue(new byte[0]);
        runner.enqueue("hello");
        runner.enqueue(TestImages.pngHeaderClaiming(60_000, 60_000));

        runner.run(4);

        runner.assertAllFlowFilesTransferred(CompressImage.REL_FAILURE, 4);
        final var failed = runner.getFlowFilesForRelationship(CompressImage.REL_FAILURE);
        assertArrayEquals(truncated, failed.getFirst().toByteArray());
        failed.get(0).assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.CORRUPT_IMAGE);
        failed.get(1).assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.EMPTY);
        failed.get(2).assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.UNSUPPORTED_IMAGE);
        failed.get(3).assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.TOO_MANY_PIXELS);
        assertEquals(4L, runner.getCounterValue("Images Refused"));
    }

    @Test
    void sendsAFlowFileWhoseSizeAttributeIsNotASizeToFailureInsteadOfRollingBack() {
        final byte[] jpeg = TestImages.jpeg(TestImages.textPage(1000, 800, BufferedImage.TYPE_INT_RGB, 1), 0.85f);
        runner.setProperty(CompressImage.MAXIMUM_ENCODED_SIZE, "${ocr.limit}");
        runner.enqueue(jpeg, Map.of("ocr.limit", "lots"));
        runner.enqueue(jpeg, Map.of("ocr.limit", "0 B"));

        runner.run(2);

        runner.assertQueueEmpty();
        runner.assertAllFlowFilesTransferred(CompressImage.REL_FAILURE, 2);
        for (final MockFlowFile failed : runner.getFlowFilesForRelationship(CompressImage.REL_FAILURE)) {
            failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.INVALID_PROPERTY);
            assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("Maximum Encoded Size"));
        }
    }

    @Test
    void refusesContentLargerThanTheMemoryBudgetBeforeReadingIt() {
        runner.setProperty(CompressImage.MEMORY_BUDGET, "10 KB");
        runner.assertValid();
        runner.enqueue(new byte[20_000]);

        runner.run();

        runner.assertAllFlowFilesTransferred(CompressImage.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(CompressImage.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, ImageFitException.CANNOT_FIT);
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("over the memory budget of 10,240 bytes"), failed.getAttribute(OcrAttributes.ERROR_MESSAGE));
        runner.setProperty(CompressImage.MEMORY_BUDGET, "plenty");
        runner.assertNotValid();
    }

    @Test
    void refusesMinimumQualityAboveStartQuality() {
        runner.setProperty(CompressImage.MINIMUM_JPEG_QUALITY, "90");
        runner.assertNotValid();
        runner.setProperty(CompressImage.MINIMUM_JPEG_QUALITY, "85");
        runner.assertValid();
        runner.setProperty(CompressImage.JPEG_QUALITY, "101");
        runner.assertNotValid();
    }
}
