package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.conversion.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves an MP4's index ({@code moov}) in front of its media data ({@code mdat}) while copying it out, so that a player
 * can start before the download ends: what {@code qt-faststart} and FFmpeg's {@code -movflags +faststart} do. FFmpeg's
 * own pass cannot run here, since it reopens the output by name for a second pass and the output is a stream.
 *
 * <p>The muxer writes {@code ftyp, mdat, moov}; this writes {@code ftyp, moov, mdat} (in general: the boxes before the
 * first {@code mdat}, then {@code moov}, then the rest), adding to every chunk offset in the {@code stco}/{@code co64}
 * tables the distance its box moved. The {@code moov} is held in memory (at most {@link #MAX_MOOV_BYTES}); everything
 * else is streamed. A file whose {@code moov} already comes first is copied unchanged.
 */
final class FastStart {
    /** A 4-hour 60 fps video's index is a few tens of MiB; more means something is wrong. */
    static final long MAX_MOOV_BYTES = 128L * 1024 * 1024;

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "mvex");

    private FastStart() {}

    /** A box: its four-character type, where it starts, its whole length, and its header's length. */
    record Box(String type, long offset, long size, int headerSize) {
        long end() {
            return offset + size;
        }
    }

    /** Copies {@code mp4} to {@code out} with its {@code moov} before its {@code mdat}; returns the bytes written. */
    static long write(MediaSource mp4, OutputStream out) throws IOException {
        List<Box> boxes = topLevel(mp4);
        Box moov = boxes.stream()
                .filter(b -> b.type().equals("moov"))
                .findFirst()
                .orElseThrow(() -> new IOException("the muxer wrote no moov box"));
        int firstMdat = indexOf(boxes, "mdat");
        if (firstMdat < 0 || moov.offset() < boxes.get(firstMdat).offset()) {
            return copy(mp4, 0, mp4.size(), out);
        }
        List<Box> order = new ArrayList<>(boxes.subList(0, firstMdat));
        order.add(moov);
        boxes.subList(firstMdat, boxes.size()).stream().filter(b -> b != moov).forEach(order::add);

        List<Box> moved = new ArrayList<>();
        List<Long> shifts = new ArrayList<>();
        long at = 0;
        for (Box b : order) {
            moved.add(b);
            shifts.add(at - b.offset());
            at += b.size();
        }
        byte[] index = readAll(mp4, moov);
        patchChunkOffsets(ByteBuffer.wrap(index), moov.headerSize(), index.length, offset -> {
            for (int i = 0; i < moved.size(); i++) {
                Box b = moved.get(i);
                if (offset >= b.offset() && offset < b.end()) {
                    return offset + shifts.get(i);
                }
            }
            throw new IOException("a chunk offset " + offset + " points outside every box");
        });

        long written = 0;
        for (Box b : order) {
            if (b == moov) {
                out.write(index);
                written += index.length;
            } else {
                written += copy(mp4, b.offset(), b.size(), out);
            }
        }
        return written;
    }

    /** The top-level boxes of {@code mp4}, in file order. */
    static List<Box> topLevel(MediaSource mp4) throws IOException {
        List<Box> boxes = new ArrayList<>();
        long total = mp4.size();
        long at = 0;
        while (at < total) {
            byte[] header = new byte[16];
            int n;
            try (InputStream in = mp4.openAt(at)) {
                n = in.readNBytes(header, 0, (int) Math.min(16, total - at));
            }
            if (n < 8) {
                throw new IOException("a truncated box header at byte " + at + " of " + total);
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            long size = Integer.toUnsignedLong(h.getInt(0));
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            int headerSize = 8;
            if (size == 1) {
                if (n < 16) {
                    throw new IOException("a truncated 64-bit box header at byte " + at);
                }
                size = h.getLong(8);
                headerSize = 16;
            } else if (size == 0) {
                size = total - at;
            }
            if (size < headerSize || size > total - at) {
                throw new IOException(
                        "box '" + type + "' at byte " + at + " claims " + size + " bytes, " + (total - at) + " remain");
            }
            boxes.add(new Box(type, at, size, headerSize));
            at += size;
        }
        return boxes;
    }

    @FunctionalInterface
    interface OffsetMap {
        long apply(long offset) throws IOException;
    }

    /** Rewrites the chunk offsets of every {@code stco}/{@code co64} inside {@code [from, to)} of a container box. */
    static void patchChunkOffsets(ByteBuffer moov, int from, int to, OffsetMap map) throws IOException {
        int at = from;
        while (at + 8 <= to) {
            long size = Integer.toUnsignedLong(moov.getInt(at));
            String type = type(moov, at + 4);
            int header = 8;
            if (size == 1) {
                size = moov.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                throw new IOException("box '" + type + "' inside moov at " + at + " claims " + size + " bytes");
            }
            int end = (int) (at + size);
            if (CONTAINERS.contains(type)) {
                patchChunkOffsets(moov, at + header, end, map);
            } else if (type.equals("stco") || type.equals("co64")) {
                boolean wide = type.equals("co64");
                int entries = moov.getInt(at + header + 4);
                int first = at + header + 8;
                if (entries < 0 || first + (long) entries * (wide ? 8 : 4) > end) {
                    throw new IOException(type + " at " + at + " claims " + entries + " entries");
                }
                for (int i = 0; i < entries; i++) {
                    if (wide) {
                        int p = first + i * 8;
                        moov.putLong(p, map.apply(moov.getLong(p)));
                    } else {
                        int p = first + i * 4;
                        long moved = map.apply(Integer.toUnsignedLong(moov.getInt(p)));
                        if (moved > 0xffffffffL) {
                            throw new IOException("a chunk moved past 4 GiB, beyond a 32-bit stco: " + moved);
                        }
                        moov.putInt(p, (int) moved);
                    }
                }
            }
            at = end;
        }
    }

    private static int indexOf(List<Box> boxes, String type) {
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readAll(MediaSource mp4, Box box) throws IOException {
        if (box.size() > MAX_MOOV_BYTES) {
            throw new IOException("the moov box is " + box.size() + " bytes, over the " + MAX_MOOV_BYTES + " handled");
        }
        try (InputStream in = mp4.openAt(box.offset())) {
            byte[] bytes = in.readNBytes((int) box.size());
            if (bytes.length != box.size()) {
                throw new IOException("the moov box ended early");
            }
            return bytes;
        }
    }

    private static long copy(MediaSource mp4, long from, long length, OutputStream out) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long remaining = length;
        try (InputStream in = mp4.openAt(from)) {
            while (remaining > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (n < 0) {
                    throw new IOException("the muxed file ended " + remaining + " bytes early");
                }
                out.write(chunk, 0, n);
                remaining -= n;
            }
        }
        return length;
    }

    private static String type(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return new String(four, StandardCharsets.ISO_8859_1);
    }
}
