package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProfileCredentialsTest {

    @Test
    void readsTheNamedSection() {
        final List<String> lines = List.of("# Tencent Cloud", "[default]", "secret_id = AKIDdefault", "secret_key=default-key",
                "", "[prod]", "; sub-account", "SECRET_ID = AKIDprod ", "secret_key = prod-key", "token = prod-token");

        assertEquals(new TencentCredentials("AKIDdefault", "default-key", null), ProfileCredentials.parse(lines, "default"));
        assertEquals(new TencentCredentials("AKIDprod", "prod-key", "prod-token"), ProfileCredentials.parse(lines, "prod"));
    }

    @Test
    void namesWhatIsMissing() {
        final IllegalArgumentException noProfile = assertThrows(IllegalArgumentException.class,
                () -> ProfileCredentials.parse(List.of("[other]", "secret_id=a", "secret_key=b"), "default"));
        assertEquals("Profile [default] not found in the profile file; its profiles are [other]", noProfile.getMessage());
        assertEquals("Profile [default] not found in the profile file; it has no [section] lines", assertThrows(IllegalArgumentException.class,
                () -> ProfileCredentials.parse(List.of("secret_id=a", "secret_key=b"), "default")).getMessage());
        final IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> ProfileCredentials.parse(List.of("[default]", "secret_id=AKIDx"), "default"));
        assertEquals("Profile [default] needs both secret_id and secret_key", noKey.getMessage());
    }

    @Test
    void rereadsTheFileWhenItChanges(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("credentials");
        Files.writeString(file, "[default]\nsecret_id=AKIDone\nsecret_key=one\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        final ProfileCredentials credentials = new ProfileCredentials(file, "default");
        assertEquals("AKIDone", credentials.get().secretId());

        Files.writeString(file, "[default]\nsecret_id=AKIDtwo\nsecret_key=two\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertEquals("AKIDtwo", credentials.get().secretId());

        Files.delete(file);
        assertTrue(assertThrows(UncheckedIOException.class, credentials::get).getMessage().endsWith("failed: no such file on this node "
                + "(the path is read on every node, with ~ as the NiFi user's home)"));
    }

    @Test
    void saysWhyTheFileCouldNotBeRead(@TempDir final Path directory) throws Exception {
        assertTrue(assertThrows(UncheckedIOException.class, () -> new ProfileCredentials(directory, "default").get())
                .getMessage().endsWith("failed: it is a directory"));
        final Path file = directory.resolve("credentials");
        Files.writeString(file, "[default]\nsecret_id=AKIDx\nsecret_key=x\n");
        assumeTrue(file.toFile().setReadable(false) && !Files.isReadable(file), "runs as a user who can read any file");
        assertTrue(assertThrows(UncheckedIOException.class, () -> new ProfileCredentials(file, "default").get())
                .getMessage().contains("may not read it"));
    }

    @Test
    void ignoresAByteOrderMark(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("credentials");
        Files.writeString(file, "\uFEFF[default]\r\nsecret_id=AKIDbom\r\nsecret_key=bom-key\r\n");
        assertEquals(new TencentCredentials("AKIDbom", "bom-key", null), new ProfileCredentials(file, "default").get());
    }

    @Test
    void rereadsARewriteThatKeepsTheModificationTime(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("credentials");
        final FileTime sameSecond = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.writeString(file, "[default]\nsecret_id=AKIDone\nsecret_key=one\n");
        Files.setLastModifiedTime(file, sameSecond);
        final ProfileCredentials credentials = new ProfileCredentials(file, "default");
        assertEquals("AKIDone", credentials.get().secretId());

        Files.writeString(file, "[default]\nsecret_id=AKIDtwo\nsecret_key=two\n");
        Files.setLastModifiedTime(file, sameSecond);
        assertEquals("AKIDtwo", credentials.get().secretId());
    }

    @Test
    void refusesTokensThatCannotBeSentWithoutQuotingThem(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("credentials");
        Files.writeString(file, "[default]\nsecret_id=AKIDone\nsecret_key=one\ntoken=secret-token\u0007value\n");
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, new ProfileCredentials(file, "default")::get);
        assertTrue(refused.getMessage().contains("Session Token"));
        assertFalse(refused.getMessage().contains("secret-token"));
    }
}
