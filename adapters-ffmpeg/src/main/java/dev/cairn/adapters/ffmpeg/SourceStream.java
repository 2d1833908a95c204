package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A {@link MediaSource} as the {@link InputStream} JavaCV's grabber reads, with the seeking it needs done by
 * repositioning rather than buffering.
 *
 * <p>JavaCV turns FFmpeg's seeks into {@code reset()} (back to the mark it set at the start) followed by {@code
 * skip(offset)}, and asks for the size by skipping to the end. Here {@code skip} only moves a position, and the next
 * read reopens the source there: for a stored content, a range decryption that starts at that byte (CTR needs nothing
 * else), so an MP4 whose index sits at its end, or a preview a third in, costs a reopen, never a read of everything
 * before. A 64 KiB read-ahead keeps FFmpeg's 4 KiB reads and short backward seeks (headers, probing) in memory.
 *
 * <p>Every read first asks the {@link JobGuard}, so a cancelled or late job stops even inside FFmpeg's probing.
 */
final class SourceStream extends InputStream {
    static final int READ_AHEAD = 64 * 1024;

    private final MediaSource source;
    private final JobGuard guard;
    private final long size;
    private final byte[] buffer = new byte[READ_AHEAD];
    private long bufferStart;
    private int bufferLength;
    private long position;
    private long mark;
    private InputStream open;
    private long openPosition;
    private boolean closed;

    SourceStream(MediaSource source, JobGuard guard) {
        this.source = Objects.requireNonNull(source, "source");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.size = source.size();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the source stream of " + source + " is closed");
        }
        try {
            guard.check();
        } catch (ConversionException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            fill();
        }
        int offsetInBuffer = (int) (position - bufferStart);
        int n = Math.min(len, bufferLength - offsetInBuffer);
        System.arraycopy(buffer, offsetInBuffer, b, off, n);
        position += n;
        return n;
    }

    /** Reads ahead from {@link #position}, reopening the source there unless the open stream already is. */
    private void fill() throws IOException {
        if (open == null || openPosition != position) {
            closeOpen();
            open = source.openAt(position);
            openPosition = position;
        }
        int want = (int) Math.min(buffer.length, size - position);
        int n = open.readNBytes(buffer, 0, want);
        if (n < want) {
            throw new IOException(
                    source + " ended at byte " + (position + n) + " although it is " + size + " bytes long");
        }
        bufferStart = position;
        bufferLength = n;
        openPosition += n;
    }

    /** Moves forward by up to {@code n} bytes without reading them; returns how far it moved (0 at the end). */
    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long target = n >= size - position ? size : position + n;
        long moved = target - position;
        position = target;
        return moved;
    }

    @Override
    public int available() {
        long inBuffer = bufferStart + bufferLength - position;
        return position >= bufferStart && inBuffer > 0 ? (int) inBuffer : 0;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    /** Remembers the position; the limit is ignored, since going back costs nothing but a reopen. */
    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }

    /** The position the next read starts at. */
    long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeOpen();
    }

    private void closeOpen() throws IOException {
        if (open != null) {
            InputStream toClose = open;
            open = null;
            toClose.close();
        }
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
