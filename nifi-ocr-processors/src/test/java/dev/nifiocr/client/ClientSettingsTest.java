package dev.nifiocr.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientSettingsTest {

    @ParameterizedTest
    @CsvSource({
            "ocr.tencentcloudapi.com, https://ocr.tencentcloudapi.com",
            "' ocr.ap-guangzhou.tencentcloudapi.com ', https://ocr.ap-guangzhou.tencentcloudapi.com",
            "https://ocr.ap-shanghai-fsi.tencentcloudapi.com/, https://ocr.ap-shanghai-fsi.tencentcloudapi.com",
            "HTTP://127.0.0.1:8080, http://127.0.0.1:8080",
            "http://[::1]:9000, http://[::1]:9000"
    })
    void parsesHostsAndUrls(final String value, final String expected) {
        assertEquals(URI.create(expected), ClientSettings.parseEndpoint(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://ocr.tencentcloudapi.com", "https://ocr.tencentcloudapi.com/path", "https://user@ocr.tencentcloudapi.com",
            "https://ocr.tencentcloudapi.com/?a=b", "http://", "ocr tencent"})
    void refusesEverythingElse(final String value) {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.parseEndpoint(value));
    }
}
