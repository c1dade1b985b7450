package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Credentials from the Tencent SDK profile file, an INI file such as
 * <pre>
 * [default]
 * secret_id = AKID...
 * secret_key = ...
 * </pre>
 * The file is small and read for each request; it is parsed again whenever its content differs from the last parse, so
 * rotated keys are picked up without a restart, even when a rewrite keeps the modification time (same-second writes,
 * coarse file system clocks). A UTF-8 byte order mark, as Windows editors write it, is ignored.
 */
public final class ProfileCredentials implements Supplier<TencentCredentials> {

    /** An INI file with a few profiles is a few hundred bytes; anything this large is not a profile file. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final String profile;
    private byte[] loadedContent;
    private TencentCredentials loaded;

    public ProfileCredentials(final Path file, final String profile) {
        this.file = file;
        this.profile = profile;
    }

    @Override
    public synchronized TencentCredentials get() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("Profile file [%s] is larger than %,d bytes".formatted(file, MAX_FILE_BYTES));
            }
            final byte[] content = Files.readAllBytes(file);
            if (loaded == null || !Arrays.equals(content, loadedContent)) {
                loaded = parse(new String(content, StandardCharsets.UTF_8).lines().toList(), profile);
                loadedContent = content;
            }
            return loaded;
        } catch (final IOException e) {
            final String why = FileProblem.describe(file, e);
            // FixedCredentials names the file in front: "Profile File [path]: reading it failed: ..."
            throw new UncheckedIOException("reading it failed: %s".formatted(e instanceof NoSuchFileException
                    ? why + " (the path is read on every node, with ~ as the NiFi user's home)" : why), e);
        }
    }

    /** Reads one section of INI lines; keys and values are trimmed, ';' and '#' start comment lines. */
    static TencentCredentials parse(final List<String> lines, final String profile) {
        final Map<String, String> values = new HashMap<>();
        final List<String> sections = new ArrayList<>();
        boolean inProfile = false;
        boolean found = false;
        for (final String raw : lines) {
            final String line = (raw.isEmpty() || raw.charAt(0) != BYTE_ORDER_MARK ? raw : raw.substring(1)).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                final String section = line.substring(1, line.length() - 1).strip();
                sections.add(section);
                inProfile = section.equals(profile);
                found |= inProfile;
                continue;
            }
            final int equals = line.indexOf('=');
            if (inProfile && equals > 0) {
                values.put(line.substring(0, equals).strip().toLowerCase(), line.substring(equals + 1).strip());
            }
        }
        if (!found) {
            throw new IllegalArgumentException("Profile [%s] not found in the profile file; %s".formatted(profile,
                    sections.isEmpty() ? "it has no [section] lines" : "its profiles are " + sections));
        }
        final String secretId = values.get("secret_id");
        final String secretKey = values.get("secret_key");
        if (secretId == null || secretId.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("Profile [%s] needs both secret_id and secret_key".formatted(profile));
        }
        return new TencentCredentials(secretId, secretKey, values.get("token"));
    }
}
