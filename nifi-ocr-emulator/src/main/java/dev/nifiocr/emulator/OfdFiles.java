package dev.nifiocr.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** OFD (GB/T 33190, China's layout format for e-invoices) is a ZIP archive with OFD.xml at its root. */
final class OfdFiles {

    private OfdFiles() {
    }

    static boolean isOfd(final byte[] content) {
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K') {
            return false;
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if ("OFD.xml".equals(entry.getName())) {
                    return true;
                }
            }
            return false;
        } catch (final IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
