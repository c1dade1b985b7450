package dev.nifiocr.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheKeyTest {

    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
    private static final String BASE64 = Base64.getEncoder().encodeToString(IMAGE);

    private static String key(final String action, final String region, final String version, final String payload) {
        return CacheKey.of(action, region, version, payload.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String key(final String payload) {
        return key("GeneralBasicOCR", "ap-guangzhou", "2018-11-19", payload);
    }

    private static final String REQUEST = "{\"ImageBase64\":\"" + BASE64 + "\",\"LanguageType\":\"auto\",\"Config\":{\"A\":true,\"B\":[1,2]}}";

    @Test
    void isTheHexOfASha256() {
        final String key = key(REQUEST);
        assertEquals(64, key.length());
        assertTrue(key.matches("[0-9a-f]{64}"), key);
    }

    @Test
    void parameterOrderAndWhitespaceDoNotChangeTheKey() {
        final String reordered = "{ \"Config\" : {\"B\": [1, 2], \"A\": true},\n  \"LanguageType\": \"auto\",\t\"ImageBase64\": \"" + BASE64 + "\" }";
        assertEquals(key(REQUEST), key(reordered));
    }

    @Test
    void anyChangeOfActionRegionOrVersionChangesTheKey() {
        final String base = key(REQUEST);
        assertNotEquals(base, key("GeneralAccurateOCR", "ap-guangzhou", "2018-11-19", REQUEST));
        assertNotEquals(base, key("GeneralBasicOCR", "ap-shanghai", "2018-11-19", REQUEST));
        assertNotEquals(base, key("GeneralBasicOCR", null, "2018-11-19", REQUEST));
        assertNotEquals(base, key("GeneralBasicOCR", "ap-guangzhou", "2020-01-01", REQUEST));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"LanguageType\":\"auto\"|\"LanguageType\":\"zh\"",
            "\"A\":true|\"A\":false",
            "[1,2]|[2,1]",
            "\"Config\"|\"Configs\"",
            "\"LanguageType\":\"auto\"|\"LanguageType\":\"auto\",\"IsWords\":true"})
    void anyChangeOfAParameterChangesTheKey(final String from, final String to) {
        assertNotEquals(key(REQUEST), key(REQUEST.replace(from, to)));
    }

    @Test
    void anyChangeOfAnImageByteChangesTheKey() {
        final String base = key(REQUEST);
        for (int i = 0; i < IMAGE.length; i++) {
            final byte[] changed = IMAGE.clone();
            changed[i] ^= 1;
            assertNotEquals(base, key(REQUEST.replace(BASE64, Base64.getEncoder().encodeToString(changed))), "byte " + i);
        }
    }

    @Test
    void imageUrlsAreKeysToo() {
        assertNotEquals(key("{\"ImageUrl\":\"https://example.com/a.jpg\"}"), key("{\"ImageUrl\":\"https://example.com/b.jpg\"}"));
    }

    @Test
    void encryptedRequestsAndNonObjectsHaveNoKey() {
        assertEquals(Optional.empty(), CacheKey.of("RecognizeEncryptedIDCardOCR", "ap-guangzhou", "2018-11-19",
                "{\"EncryptedBody\":\"abc\",\"Encryption\":{\"Algorithm\":\"AES-256-CBC\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), CacheKey.of("IDCardOCR", "ap-guangzhou", "2018-11-19",
                ("{\"ImageBase64\":\"" + BASE64 + "\",\"Encryption\":{}}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), CacheKey.of("IDCardOCR", "ap-guangzhou", "2018-11-19", "[1]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), CacheKey.of("IDCardOCR", "ap-guangzhou", "2018-11-19", "{".getBytes(StandardCharsets.UTF_8)));
    }
}
