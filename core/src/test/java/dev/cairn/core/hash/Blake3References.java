package dev.cairn.core.hash;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;

/** Test inputs and the two independent BLAKE3 implementations our own is checked against. */
final class Blake3References {
    static final Path B3SUM = Path.of("/usr/bin/b3sum");
    static final HexFormat HEX = HexFormat.of();

    private Blake3References() {}

    /** The input of the official BLAKE3 test vectors: byte i is i % 251. */
    static byte[] pattern(int length) {
        byte[] input = new byte[length];
        for (int i = 0; i < length; i++) {
            input[i] = (byte) (i % 251);
        }
        return input;
    }

    /** Reproducible pseudo-random bytes. */
    static byte[] random(int length, long seed) {
        byte[] input = new byte[length];
        new SplittableRandom(seed).nextBytes(input);
        return input;
    }

    /** BLAKE3-256 by Bouncy Castle, kept on the test classpath as a reference. */
    static byte[] bouncyCastle(byte[] input) {
        Blake3Digest digest = new Blake3Digest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** BLAKE3-256 (hex) of each file by the b3sum command, run once for all of them; fails if b3sum is missing. */
    static List<String> b3sum(List<Path> files) throws IOException, InterruptedException {
        if (!Files.isExecutable(B3SUM)) {
            fail(B3SUM + " is missing: install b3sum (Debian/Ubuntu: apt-get install b3sum); the BLAKE3 cross-check"
                    + " against the reference implementation needs it");
        }
        List<String> command = new ArrayList<>(List.of(B3SUM.toString(), "--no-names"));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("b3sum failed: " + output);
        }
        List<String> hashes = output.lines().toList();
        if (hashes.size() != files.size()) {
            fail("b3sum printed " + hashes.size() + " lines for " + files.size() + " files: " + output);
        }
        return hashes;
    }

    /** BLAKE3-256 (hex) of {@code input} by the b3sum command, through a temporary file. */
    static String b3sum(byte[] input, Path dir) throws IOException, InterruptedException {
        Path file = Files.write(Files.createTempFile(dir, "b3sum", ".bin"), input);
        return b3sum(List.of(file)).get(0);
    }
}
