package dev.nifiocr.service;

import dev.nifiocr.service.api.TencentCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * The file is read again when its modification time changes, so rotated keys are picked up without a restart.
 */
public final class ProfileCredentials implements Supplier<TencentCredentials> {

    private final Path file;
    private final String profile;
    private FileTime loadedModified;
    private TencentCredentials loaded;

    public ProfileCredentials(final Path file, final String profile) {
        this.file = file;
        this.profile = profile;
    }

    @Override
    public synchronized TencentCredentials get() {
        try {
            final FileTime modified = Files.getLastModifiedTime(file);
            if (loaded == null || !modified.equals(loadedModified)) {
                loaded = parse(Files.readAllLines(file, StandardCharsets.UTF_8), profile);
                loadedModified = modified;
            }
            return loaded;
        } catch (final IOException e) {
            throw new UncheckedIOException("Read profile file [%s] failed".formatted(file), e);
        }
    }

    /** Reads one section of INI lines; keys and values are trimmed, ';' and '#' start comment lines. */
    static TencentCredentials parse(final List<String> lines, final String profile) {
        final Map<String, String> values = new HashMap<>();
        boolean inProfile = false;
        boolean found = false;
        for (final String raw : lines) {
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                inProfile = line.substring(1, line.length() - 1).strip().equals(profile);
                found |= inProfile;
                continue;
            }
            final int equals = line.indexOf('=');
            if (inProfile && equals > 0) {
                values.put(line.substring(0, equals).strip().toLowerCase(), line.substring(equals + 1).strip());
            }
        }
        if (!found) {
            throw new IllegalArgumentException("Profile [%s] not found in the profile file".formatted(profile));
        }
        final String secretId = values.get("secret_id");
        final String secretKey = values.get("secret_key");
        if (secretId == null || secretId.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("Profile [%s] needs both secret_id and secret_key".formatted(profile));
        }
        return new TencentCredentials(secretId, secretKey, values.get("token"));
    }
}
