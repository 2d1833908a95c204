package dev.cairn.core.bench;

import dev.cairn.core.hash.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Hashes one file with {@code b3sum --num-threads 1}, our {@link Blake3} (one thread, then all cores) and Bouncy
 * Castle in the same run, prints MB/s (10^6 bytes/s, best of several passes over the page-cached file) and exits with
 * status 1 unless all hashes are equal. Driven by {@code core/src/test/scripts/blake3-vs-b3sum.sh}.
 */
public final class Blake3FileThroughput {
    private static final int PASSES = 3;

    private Blake3FileThroughput() {}

    /** Arguments: the file to hash, and optionally the b3sum executable (default /usr/bin/b3sum). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Blake3FileThroughput FILE [B3SUM]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String b3sum = args.length > 1 ? args[1] : "/usr/bin/b3sum";
        long size = Files.size(file);
        int cores = Runtime.getRuntime().availableProcessors();

        Map<String, Hasher> hashers = new LinkedHashMap<>();
        hashers.put("b3sum --num-threads 1", () -> b3sum(b3sum, file));
        hashers.put("Cairn Blake3, 1 thread", () -> hex(Blake3.hashFile(file, 1)));
        hashers.put("Bouncy Castle Blake3Digest", () -> hex(bouncyCastle(file)));
        hashers.put("Cairn Blake3, " + cores + " threads", () -> hex(Blake3.hashFile(file, cores)));

        System.out.printf("%s: %d bytes, %d cores%n", file, size, cores);
        String reference = null;
        boolean allEqual = true;
        for (Map.Entry<String, Hasher> entry : hashers.entrySet()) {
            String hash = entry.getValue().hash(); // warms the page cache and the JIT
            long best = Long.MAX_VALUE;
            for (int pass = 0; pass < PASSES; pass++) {
                long start = System.nanoTime();
                String again = entry.getValue().hash();
                best = Math.min(best, System.nanoTime() - start);
                allEqual &= again.equals(hash);
            }
            reference = reference == null ? hash : reference;
            allEqual &= hash.equals(reference);
            System.out.printf("%-30s %8.0f MB/s  %s%n", entry.getKey(), size / (best / 1e3), hash);
        }
        System.out.println(allEqual ? "all hashes equal" : "HASHES DIFFER");
        System.exit(allEqual ? 0 : 1);
    }

    private interface Hasher {
        String hash() throws IOException, InterruptedException;
    }

    private static String b3sum(String executable, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable, "--num-threads", "1", "--no-names", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException("b3sum failed: " + output);
        }
        return output;
    }

    private static byte[] bouncyCastle(Path file) throws IOException {
        Blake3Digest digest = new Blake3Digest(256);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.array(), 0, buffer.position());
            }
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
