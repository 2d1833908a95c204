package dev.cairn.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What reading one request body into the cipher stream came to: how many bytes were taken, whether the client went
 * away or sent more than there was room for, and the digest of what was taken if a checksum was asked for.
 *
 * @param bytes plaintext bytes taken (and encrypted)
 * @param interrupted the body failed before its end: the client went away
 * @param overflow the body holds more than there is room for; reading stopped at the first byte too many
 * @param digest the checksum digest of the bytes taken, or null when none was asked for or the body overflowed
 */
record ChunkCopy(long bytes, boolean interrupted, boolean overflow, byte[] digest) {
    private static final int BUFFER_SIZE = 64 * 1024;

    /**
     * Reads {@code body} to its end into {@code encrypting}, taking at most {@code room} bytes. A failure to read is
     * the client's and ends the copy; a failure to write is the spool's and is thrown.
     */
    static ChunkCopy copy(InputStream body, long room, Optional<MessageDigest> checksum, OutputStream encrypting)
            throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long taken = 0;
        while (true) {
            int n;
            try {
                // One byte more than there is room for, to notice a body that does not fit.
                n = body.read(buffer, 0, (int) Math.min(buffer.length, room - taken + 1));
            } catch (IOException e) {
                return new ChunkCopy(taken, true, false, digest(checksum));
            }
            if (n < 0) {
                return new ChunkCopy(taken, false, false, digest(checksum));
            }
            if (taken + n > room) {
                return new ChunkCopy(taken, false, true, null);
            }
            int read = n;
            checksum.ifPresent(d -> d.update(buffer, 0, read));
            encrypting.write(buffer, 0, n);
            taken += n;
        }
    }

    private static byte[] digest(Optional<MessageDigest> checksum) {
        return checksum.map(MessageDigest::digest).orElse(null);
    }
}
