package dev.cairn.core.bench;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.EncryptedBlob;
import dev.cairn.core.encryption.EncryptingSink;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.crypto.cipher.CryptoCipherFactory;
import org.apache.commons.crypto.stream.CryptoInputStream;
import org.apache.commons.crypto.stream.CtrCryptoOutputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storing content costs AES-256-CTR plus BLAKE3 over the ciphertext in one pass; this measures that pass on 64 MiB,
 * and each half alone for reference, all as MiB/s (the {@code mib} counter; the primary ops/s is 64 MiB per op).
 *
 * <p>{@code ./mvnw -pl core -Pbench -DskipTests verify -Dbench.includes=Encrypt}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class EncryptBenchmark {
    private static final int SIZE = 64 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final byte[] plaintext = new byte[SIZE];
    private final CtrCipher cipher = CtrCipher.preferOpenSsl();
    private ContentKey key;
    private final Properties streamProperties = new Properties();
    private byte[] rawKey;
    private byte[] rawIv;
    private Cipher jce;
    private byte[] jceOut;

    /** Throughput in MiB/s alongside ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Mib {
        public long mib;

        @Setup(Level.Iteration)
        public void reset() {
            mib = 0;
        }
    }

    @Setup
    public void setUp() throws GeneralSecurityException {
        new Random(1).nextBytes(plaintext);
        RandomBytes random = RandomBytes.secure();
        key = ContentKey.generate(random);
        rawKey = random.bytes(32);
        rawIv = random.bytes(16);
        jce = Cipher.getInstance("AES/CTR/NoPadding");
        jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rawKey, "AES"), new IvParameterSpec(rawIv));
        streamProperties.setProperty(
                CryptoCipherFactory.CLASSES_KEY, cipher.engine().implementation());
        streamProperties.setProperty(CryptoInputStream.STREAM_BUFFER_SIZE_KEY, Integer.toString(CHUNK));
        jceOut = new byte[CHUNK];
    }

    /** The real storing pass: encrypt, hash and count, into a channel that drops the bytes. */
    @Benchmark
    public EncryptedBlob encryptAndHash(Mib counter) throws IOException {
        EncryptedBlob blob;
        try (var sink = EncryptingSink.start(cipher, key, new Discard())) {
            sink.write(plaintext);
            blob = sink.finish();
        }
        counter.mib += SIZE >> 20;
        return blob;
    }

    /** AES-256-CTR alone, through the same Commons Crypto cipher and stream the sink uses. */
    @Benchmark
    public long ctrOnly(Mib counter) throws IOException {
        var out = new Discard();
        try (OutputStream encrypting = cipher.encrypting(key, 0, out)) {
            encrypting.write(plaintext);
        }
        counter.mib += SIZE >> 20;
        return out.bytes;
    }

    /**
     * For the record: Commons Crypto's own CTR stream over the same engine, which the sink does not use because its
     * direct buffers cost the JCE engine a copy in and out (see {@code CtrCipher}).
     */
    @Benchmark
    public long commonsCryptoCtrStream(Mib counter) throws IOException {
        var out = new Discard();
        try (OutputStream encrypting = new CtrCryptoOutputStream(streamProperties, out, rawKey, rawIv, 0)) {
            encrypting.write(plaintext);
        }
        counter.mib += SIZE >> 20;
        return out.bytes;
    }

    /** AES-256-CTR alone on heap arrays straight through the JDK: the ceiling for the JCE engine. */
    @Benchmark
    public byte[] jceCtrOnly(Mib counter) throws GeneralSecurityException {
        for (int off = 0; off < SIZE; off += CHUNK) {
            jce.update(plaintext, off, CHUNK, jceOut, 0);
        }
        counter.mib += SIZE >> 20;
        return jceOut;
    }

    /** BLAKE3 alone over the same bytes. */
    @Benchmark
    public byte[] blake3Only(Mib counter) {
        byte[] digest = Blake3.newHasher().update(plaintext, 0, SIZE).digest();
        counter.mib += SIZE >> 20;
        return digest;
    }

    /** A destination that counts and forgets, so the benchmark measures the CPU work and not a copy. */
    private static final class Discard implements WritableByteChannel {
        long bytes;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            bytes += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
