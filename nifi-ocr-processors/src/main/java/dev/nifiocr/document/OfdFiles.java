package dev.nifiocr.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * OFD (GB/T 33190, the layout format of China's electronic invoices) recognised by its container: a ZIP archive whose root
 * holds OFD.xml. Only the entry names are read (java.util.zip), never the XML.
 */
public final class OfdFiles {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private OfdFiles() {
    }

    public static boolean isOfd(final byte[] content) {
        if (content.length < ZIP_MAGIC.length || content[0] != ZIP_MAGIC[0] || content[1] != ZIP_MAGIC[1]
                || content[2] != ZIP_MAGIC[2] || content[3] != ZIP_MAGIC[3]) {
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
            // a broken archive is no OFD; Tencent would refuse it as an image too
            return false;
        }
    }
}
