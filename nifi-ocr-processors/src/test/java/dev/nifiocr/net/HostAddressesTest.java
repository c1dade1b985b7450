package dev.nifiocr.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "emulator.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
    void recognisesLoopback(final String host) {
        assertTrue(HostAddresses.isLoopback(host));
        assertFalse(HostAddresses.isPublic(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.1.1", "0.0.0.0", "224.0.0.1",
            "fe80::1", "fd12:3456::1", "[fc00::1]", "2130706433", "0x7f000001", "0177.0.0.1", ""})
    void refusesNonPublicAndAmbiguousHosts(final String host) {
        assertFalse(HostAddresses.isPublic(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ocr.tencentcloudapi.com", "example.cos.ap-guangzhou.myqcloud.com", "8.8.8.8", "2001:4860:4860::8888",
            "localhost.example.com", "999.1.1.1.example"})
    void acceptsPublicHosts(final String host) {
        assertTrue(HostAddresses.isPublic(host));
        assertFalse(HostAddresses.isLoopback(host));
    }
}
