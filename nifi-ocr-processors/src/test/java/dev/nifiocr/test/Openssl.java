package dev.nifiocr.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line, a second implementation of SM2 and SM4 beside Bouncy Castle. */
public final class Openssl {

    private Openssl() {
    }

    public static boolean available() {
        try {
            return run(null, "version").startsWith("OpenSSL 3");
        } catch (final IOException e) {
            return false;
        }
    }

    /** Runs openssl with the arguments, feeding stdin when given; returns stdout as text. */
    public static String run(final byte[] stdin, final String... arguments) throws IOException {
        return new String(runBytes(stdin, arguments), StandardCharsets.ISO_8859_1);
    }

    public static byte[] runBytes(final byte[] stdin, final String... arguments) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin);
        }
        process.getOutputStream().close();
        final byte[] out = process.getInputStream().readAllBytes();
        final byte[] err = process.getErrorStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + arguments[0] + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    /** Generates an SM2 key pair in the directory; returns the private key file (the public key is beside it as sm2-public.pem). */
    public static Path generateSm2(final Path directory) throws IOException {
        final Path privateKey = directory.resolve("sm2-private.pem");
        run(null, "genpkey", "-algorithm", "SM2", "-out", privateKey.toString());
        run(null, "pkey", "-in", privateKey.toString(), "-pubout", "-out", directory.resolve("sm2-public.pem").toString());
        return privateKey;
    }

    public static String read(final Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
