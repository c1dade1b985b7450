package dev.nifiocr.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentNameTest {

    @ParameterizedTest(name = "{0} as {1} is [{2}]")
    @CsvSource(delimiter = '|', nullValues = "null", emptyValue = "", textBlock = """
            scan.pdf              | JSON | scan.json
            scan.pdf              | TEXT | scan.txt
            contract.page-0003.pdf| TEXT | contract.page-0003.txt
            contract.page-0003.pdf| JSON | contract.page-0003.json
            contract.pdf          | ZIP  | contract.zip
            scan                  | JSON | scan.json
            a.b.tiff              | PNG  | a.b.png
            SCAN.PDF              | JSON | SCAN.json
            SCAN.PDF              | PDF  | SCAN.PDF
            photo.jpeg            | JPEG | photo.jpeg
            photo.JPG             | JPEG | photo.JPG
            photo.bmp             | JPEG | photo.jpg
            notes.text            | TEXT | notes.text
            answer.json           | JSON | answer.json
            .hidden               | JSON | .hidden.json
            .hidden.pdf           | TEXT | .hidden.txt
            report.2024           | JSON | report.2024.json
            invoice 12.05.2026    | JSON | invoice 12.05.2026.json
            archive.v2/scan       | TEXT | archive.v2/scan.txt
            scan.                 | JSON | scan.json
            scan.page-0001        | TEXT | scan.page-0001.txt
            ''                    | JSON | document.json
            '   '                 | JSON | document.json
            null                  | TEXT | document.txt
            """)
    void keepsTheBaseNameAndGivesTheContentsExtension(final String filename, final ContentName content, final String expected) {
        assertEquals(expected, content.filename(filename));
    }

    @Test
    void attributesNameTheFileAndItsMimeType() {
        assertEquals(Map.of("filename", "scan.txt", "mime.type", "text/plain; charset=UTF-8"), ContentName.TEXT.attributes("scan.pdf"));
        assertEquals(Map.of("filename", "scan.json", "mime.type", "application/json"), ContentName.JSON.attributes("scan.jpg"));
        assertEquals(Map.of("filename", "result.zip", "mime.type", "application/zip"), ContentName.ZIP.attributes("result.pdf"));
    }

    @ParameterizedTest
    @CsvSource({"jpeg, JPEG, image/jpeg", "JPG, JPEG, image/jpeg", "png, PNG, image/png", "bmp, BMP, image/bmp", "pdf, PDF, application/pdf"})
    void imageFormatsHaveTheirContentName(final String format, final ContentName expected, final String mimeType) {
        assertEquals(expected, ContentName.ofFormat(format));
        assertEquals(mimeType, expected.mimeType());
    }

    @Test
    void anUnknownFormatIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ContentName.ofFormat("webp"));
    }

    @Test
    void pagesAreNamedInPageOrderWithTheirFormat() {
        assertEquals("contract.page-0003.pdf", PageNames.filename("contract.pdf", 3, ContentName.PDF));
        assertEquals("a.b.page-0012.png", PageNames.filename("a.b.tiff", 12, ContentName.PNG));
        assertEquals("SCAN.page-0001.png", PageNames.filename("SCAN.TIF", 1, ContentName.PNG));
        assertEquals("document.page-0001.pdf", PageNames.filename(null, 1, ContentName.PDF));
        assertEquals(Map.of("filename", "scan.page-0002.txt", "mime.type", "text/plain; charset=UTF-8"), PageNames.attributes("scan.pdf", 2, ContentName.TEXT));
    }
}
