package dev.cairn.adapters.ffmpeg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * An output probed back independently of the code under test: a plain grabber on the bytes for codecs, size and
 * duration, and a box walk for the order of the top-level MP4 boxes.
 */
record Played(
        String format,
        String videoCodec,
        int width,
        int height,
        String audioCodec,
        int channels,
        int sampleRate,
        double seconds,
        int frames,
        List<String> boxes) {

    static Played of(byte[] bytes) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes))) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            return new Played(
                    g.getFormat(),
                    g.hasVideo() ? g.getVideoCodecName() : null,
                    g.hasVideo() ? g.getImageWidth() : 0,
                    g.hasVideo() ? g.getImageHeight() : 0,
                    g.hasAudio() ? g.getAudioCodecName() : null,
                    g.hasAudio() ? g.getAudioChannels() : 0,
                    g.hasAudio() ? g.getSampleRate() : 0,
                    g.getLengthInTime() / 1e6,
                    frames,
                    boxes(bytes));
        }
    }

    /**
     * Where the pictures really end, in seconds: the last frame's time plus one frame. A container's stated duration
     * may be longer (the WebM the recorder writes here says 3.94 s for 3 s of frames).
     */
    static double picturesEnd(byte[] bytes) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes))) {
            g.start();
            long last = 0;
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                last = Math.max(last, f.timestamp);
            }
            return last / 1e6 + 1 / g.getFrameRate();
        }
    }

    /** The top-level box types of an ISO media file, in order. */
    static List<String> boxes(byte[] bytes) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = 0;
        while (at + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(b.getInt((int) at));
            types.add(new String(bytes, (int) at + 4, 4, StandardCharsets.ISO_8859_1));
            if (size == 1) {
                size = b.getLong((int) at + 8);
            } else if (size == 0) {
                size = bytes.length - at;
            }
            if (size < 8) {
                break;
            }
            at += size;
        }
        return types;
    }

    /** The index comes before the media data: a player can start while downloading. */
    boolean fastStart() {
        int moov = boxes.indexOf("moov");
        int mdat = boxes.indexOf("mdat");
        return moov >= 0 && mdat >= 0 && moov < mdat;
    }
}
