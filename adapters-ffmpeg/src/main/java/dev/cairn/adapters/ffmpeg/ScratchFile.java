package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.conversion.MediaSource;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.bytedeco.javacv.Seekable;

/**
 * A random-access file a muxer writes (seeking back to patch sizes) and the fast-start pass then reads, holding only
 * AES-256-CTR ciphertext under a key made for it and kept only in memory: plaintext never reaches the disk, and what a
 * crash leaves is unreadable. The file is unlinked right after it is opened, so on Linux it vanishes with its last
 * descriptor, crash or not.
 *
 * <p>CTR lets any byte be encrypted or decrypted at its position alone, which is what random writes need. Rewriting a
 * position reuses its keystream; the muxer does so only for a few header bytes (an {@code mdat} size), so two versions
 * of those bytes XOR to the XOR of their plaintexts, under a key that dies with the job: acceptable for a scratch file.
 *
 * <p>Not thread-safe: one muxer writes, then readers read.
 */
final class ScratchFile implements MediaSource, AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    /** FFmpeg's {@code AVSEEK_SIZE}: "tell me the size", which JavaCV's callback cannot answer anyway. */
    private static final int AVSEEK_SIZE = 0x10000;

    private final FileChannel file;
    private final CtrCipher cipher;
    private final ContentKey key;
    private final String name;
    private final byte[] pending = new byte[BUFFER];
    private long pendingStart;
    private int pendingLength;
    private long position;
    private long size;

    private ScratchFile(FileChannel file, CtrCipher cipher, ContentKey key, String name) {
        this.file = file;
        this.cipher = cipher;
        this.key = key;
        this.name = name;
    }

    static ScratchFile create(Path dir, CtrCipher cipher, RandomBytes random) throws IOException {
        Path path = Files.createTempFile(
                dir,
                "rendition-",
                ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(path);
        }
        return new ScratchFile(
                channel, cipher, ContentKey.generate(random), path.getFileName().toString());
    }

    /** The stream the recorder writes to: sequential writes, and seeks ({@link Seekable}) to patch what it wrote. */
    OutputStream writer() {
        return new Writer();
    }

    @Override
    public long size() {
        return Math.max(size, pendingStart + pendingLength);
    }

    @Override
    public InputStream openAt(long offset) throws IOException {
        flush();
        if (offset < 0 || offset > size) {
            throw new IllegalArgumentException("an offset is within [0, " + size + "], got " + offset);
        }
        return cipher.decrypting(key, offset, new PositionalReader(offset, size));
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pendingLength == pending.length || position != pendingStart + pendingLength) {
                flush();
                pendingStart = position;
            }
            int n = Math.min(len, pending.length - pendingLength);
            System.arraycopy(b, off, pending, pendingLength, n);
            pendingLength += n;
            position += n;
            off += n;
            len -= n;
        }
    }

    private void seek(long offset, int whence) throws IOException {
        long target = switch (whence) {
            case 0 -> offset;
            case 1 -> position + offset;
            case 2 -> size() + offset;
            case AVSEEK_SIZE -> position;
            default -> throw new IOException("unknown seek origin " + whence);
        };
        if (target < 0) {
            throw new IOException("a seek to " + target + " is before the start of " + this);
        }
        flush();
        position = target;
        pendingStart = target;
    }

    /** Encrypts the pending bytes at their position and writes them there. */
    private void flush() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        try (OutputStream encrypting = cipher.encrypting(key, pendingStart, new PositionalWriter(pendingStart))) {
            encrypting.write(pending, 0, pendingLength);
        }
        size = Math.max(size, pendingStart + pendingLength);
        pendingStart += pendingLength;
        pendingLength = 0;
    }

    /** The raw bytes on disk (ciphertext), for tests. */
    byte[] ciphertext() throws IOException {
        flush();
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && file.read(all, all.position()) >= 0) {
            // positional reads until full
        }
        return all.array();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "scratch file " + name;
    }

    private final class Writer extends OutputStream implements Seekable {
        @Override
        public void write(int b) throws IOException {
            ScratchFile.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ScratchFile.this.write(b, off, len);
        }

        @Override
        public void seek(long offset, int whence) {
            try {
                ScratchFile.this.seek(offset, whence);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() throws IOException {
            ScratchFile.this.flush();
        }

        @Override
        public String toString() {
            return ScratchFile.this.toString();
        }
    }

    /** Writes at a position of the file without moving (or closing) the channel. */
    private final class PositionalWriter implements WritableByteChannel {
        private long at;

        PositionalWriter(long at) {
            this.at = at;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int total = 0;
            while (src.hasRemaining()) {
                int n = file.write(src, at);
                at += n;
                total += n;
            }
            return total;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() {
            // the file stays open for the next write
        }
    }

    /** Reads {@code [from, end)} of the file by position, so several readers never disturb each other. */
    private final class PositionalReader implements ReadableByteChannel {
        private long at;
        private final long end;

        PositionalReader(long from, long end) {
            this.at = from;
            this.end = end;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (at >= end) {
                return -1;
            }
            int limit = dst.limit();
            if (dst.remaining() > end - at) {
                dst.limit(dst.position() + (int) (end - at));
            }
            try {
                int n = file.read(dst, at);
                if (n < 0) {
                    throw new IOException(ScratchFile.this + " is shorter than the " + end + " bytes written");
                }
                at += n;
                return n;
            } finally {
                dst.limit(limit);
            }
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() {
            // the file stays open for other readers
        }
    }
}
