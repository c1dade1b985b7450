package dev.nifiocr.benchmarks;

import dev.nifiocr.crypto.EncryptedEnvelope;
import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.crypto.EnvelopeCrypto;
import dev.nifiocr.crypto.SessionKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cost of encrypting a 1 MB request for Tencent (fresh key, key wrap, cipher, Base64 and JSON envelope), next to the
 * bare cipher from plain JCA on the same bytes: SunJCE AES-256-CBC, and SM4-GCM from a Bouncy Castle JCA provider
 * (the JDK has no SM4). Milliseconds per operation = milliseconds per MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeBenchmark {

    private static final int MEGABYTE = 1024 * 1024;

    private final SecureRandom random = new SecureRandom();
    private byte[] payload;
    private KeyPair rsa;
    private KeyPair sm2;
    private byte[] aesKey;
    private byte[] sm4Key;
    private byte[] iv16;
    private byte[] iv12;

    @Setup
    public void setUp() throws Exception {
        payload = new byte[MEGABYTE];
        new Random(1).nextBytes(payload);
        final KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(1024);
        rsa = rsaGenerator.generateKeyPair();
        final KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC", EnvelopeCrypto.BOUNCY_CASTLE);
        ecGenerator.initialize(new ECGenParameterSpec("sm2p256v1"));
        sm2 = ecGenerator.generateKeyPair();
        aesKey = new byte[32];
        sm4Key = new byte[16];
        iv16 = new byte[16];
        iv12 = new byte[12];
        random.nextBytes(aesKey);
        random.nextBytes(sm4Key);
        random.nextBytes(iv16);
        random.nextBytes(iv12);
    }

    @Benchmark
    public byte[] aes256CbcEnvelope() throws Exception {
        final SessionKey key = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        return EncryptedEnvelope.encryptRequest(payload, key, rsa.getPublic(), random);
    }

    @Benchmark
    public byte[] aes256CbcPlainJca() throws Exception {
        final Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv16));
        return cipher.doFinal(payload);
    }

    @Benchmark
    public byte[] sm4GcmEnvelope() throws Exception {
        final SessionKey key = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);
        return EncryptedEnvelope.encryptRequest(payload, key, sm2.getPublic(), random);
    }

    @Benchmark
    public byte[] sm4GcmPlainJca() throws Exception {
        final Cipher cipher = Cipher.getInstance("SM4/GCM/NoPadding", EnvelopeCrypto.BOUNCY_CASTLE);
        random.nextBytes(iv12);
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sm4Key, "SM4"), new GCMParameterSpec(128, iv12));
        return cipher.doFinal(payload);
    }
}
