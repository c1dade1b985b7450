package dev.nifiocr.document;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextLayerTest {

    @Test
    void enoughVisibleCharactersAreUsed() {
        assertEquals(Optional.of("Invoice 2024-001"), TextLayer.usable("\n  Invoice 2024-001 \n", 10));
    }

    @Test
    void whitespaceDoesNotCount() {
        assertEquals(Optional.empty(), TextLayer.usable(" 1 \n\n\t  \r\n 2 ", 3));
        assertEquals(Optional.empty(), TextLayer.usable("", 1));
        assertEquals(Optional.empty(), TextLayer.usable(null, 1));
    }

    @Test
    void chineseCountsPerCharacter() {
        assertEquals(Optional.of("增值税发票"), TextLayer.usable("增值税发票", 5));
    }
}
