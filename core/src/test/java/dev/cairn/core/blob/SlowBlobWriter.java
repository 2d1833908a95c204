package dev.cairn.core.blob;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Child process of {@link LocalFileBlobStoreCrashTest}: writes a large blob slowly into the store given as the only
 * argument, announcing on stdout once bytes are on disk, and never gets to commit before it is killed.
 */
public final class SlowBlobWriter {
    static final String WRITING = "writing";
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_CHUNKS = 8 * 1024; // 512 MiB at most, in case nobody kills us

    private SlowBlobWriter() {}

    public static void main(String[] args) throws Exception {
        try (var store = LocalFileBlobStore.open(Path.of(args[0]));
                var blob = store.openWriter()) {
            byte[] chunk = new byte[CHUNK];
            for (int i = 0; i < MAX_CHUNKS; i++) {
                java.util.Arrays.fill(chunk, (byte) i);
                blob.write(ByteBuffer.wrap(chunk));
                if (i == 15) {
                    System.out.println(WRITING);
                    System.out.flush();
                }
                Thread.sleep(5);
            }
            System.exit(3); // reached only if the test failed to kill us: never commit
        }
    }
}
