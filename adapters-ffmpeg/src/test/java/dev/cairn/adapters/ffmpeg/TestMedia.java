package dev.cairn.adapters.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Small media the tests make themselves with JavaCV's recorder: a few seconds of sine waves and a test pattern (a
 * colour field, a moving square, a frame counter), so that every input is known exactly.
 */
final class TestMedia {
    private TestMedia() {}

    /** Stereo sine waves (440 Hz left, 660 Hz right) as PCM in WAV. */
    static byte[] wav(Path dir, double seconds) throws IOException {
        return sound(dir.resolve("sine.wav"), "wav", AV_CODEC_ID_PCM_S16LE, 44_100, 0, seconds, Options.NONE);
    }

    static byte[] flac(Path dir, double seconds) throws IOException {
        return sound(dir.resolve("sine.flac"), "flac", AV_CODEC_ID_FLAC, 48_000, 0, seconds, Options.NONE);
    }

    /**
     * A 192 kbps MP3 with a {@code width} x {@code height} PNG as its front cover in an ID3v2.3 {@code APIC} frame
     * (written here byte by byte: the muxer's own ID3 tag is switched off).
     */
    static byte[] mp3WithCover(Path dir, double seconds, int width, int height) throws IOException {
        byte[] mp3 = sound(
                dir.resolve("sine.mp3"),
                "mp3",
                AV_CODEC_ID_MP3,
                44_100,
                192_000,
                seconds,
                r -> r.setOption("id3v2_version", "0"));
        byte[] tagged = concat(id3WithPicture(png(pattern(width, height, 0, true))), mp3);
        Files.write(dir.resolve("sine.mp3"), tagged);
        return tagged;
    }

    /** H.264 + AAC in MP4, as FFmpeg writes it by default: the {@code moov} index after the media data. */
    static byte[] mp4(Path dir, String name, int width, int height, double fps, double seconds) throws IOException {
        return mp4(dir, name, width, height, fps, seconds, Options.NONE);
    }

    static byte[] mp4(Path dir, String name, int width, int height, double fps, double seconds, Options options)
            throws IOException {
        return video(
                dir.resolve(name),
                "mp4",
                AV_CODEC_ID_H264,
                "libopenh264",
                AV_CODEC_ID_AAC,
                44_100,
                width,
                height,
                fps,
                seconds,
                options);
    }

    /** VP8 + Opus in WebM. */
    static byte[] webm(Path dir, int width, int height, double fps, double seconds) throws IOException {
        return video(
                dir.resolve("pattern.webm"),
                "webm",
                AV_CODEC_ID_VP8,
                "libvpx",
                AV_CODEC_ID_OPUS,
                48_000,
                width,
                height,
                fps,
                seconds,
                r -> {
                    r.setVideoOption("deadline", "realtime");
                    r.setVideoOption("cpu-used", "8");
                });
    }

    /** A PNG with a transparent corner. */
    static byte[] png(int width, int height) throws IOException {
        return png(pattern(width, height, 7, true));
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The first 48 bytes of a real MP4 (its {@code ftyp} and the start of {@code mdat}), then noise. */
    static byte[] corruptMp4(byte[] realMp4) {
        byte[] corrupt = randomBytes(200_000, 99);
        System.arraycopy(realMp4, 0, corrupt, 0, 48);
        return corrupt;
    }

    @FunctionalInterface
    interface Options {
        Options NONE = r -> {};

        void apply(FFmpegFrameRecorder recorder);
    }

    private static byte[] sound(
            Path file, String format, int codec, int rate, int bitrate, double seconds, Options options)
            throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 2)) {
            r.setFormat(format);
            r.setAudioCodec(codec);
            r.setSampleRate(rate);
            if (bitrate > 0) {
                r.setAudioBitrate(bitrate);
            }
            options.apply(r);
            r.start();
            int total = (int) (seconds * rate);
            int chunk = 1024;
            for (int at = 0; at < total; at += chunk) {
                r.recordSamples(rate, 2, sine(at, Math.min(chunk, total - at), rate));
            }
            r.stop();
        }
        return Files.readAllBytes(file);
    }

    private static byte[] video(
            Path file,
            String format,
            int videoCodec,
            String videoCodecName,
            int audioCodec,
            int rate,
            int width,
            int height,
            double fps,
            double seconds,
            Options options)
            throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 2);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            r.setFormat(format);
            r.setVideoCodec(videoCodec);
            r.setVideoCodecName(videoCodecName);
            r.setVideoBitrate(600_000);
            r.setFrameRate(fps);
            r.setGopSize((int) Math.round(fps));
            r.setAudioCodec(audioCodec);
            r.setSampleRate(rate);
            r.setAudioBitrate(128_000);
            options.apply(r);
            r.start();
            int frames = (int) Math.round(seconds * fps);
            int samplesPerFrame = (int) Math.round(rate / fps);
            for (int i = 0; i < frames; i++) {
                r.record(converter.convert(bgr(pattern(width, height, i, false))));
                r.recordSamples(rate, 2, sine(i * samplesPerFrame, samplesPerFrame, rate));
            }
            r.stop();
        }
        return Files.readAllBytes(file);
    }

    private static FloatBuffer sine(int firstSample, int count, int rate) {
        float[] samples = new float[count * 2];
        for (int i = 0; i < count; i++) {
            double t = (firstSample + i) / (double) rate;
            samples[2 * i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * t));
            samples[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * 660 * t));
        }
        return FloatBuffer.wrap(samples);
    }

    /** A hue that changes with {@code frame}, a white square moving across, the frame number, and stripes. */
    static BufferedImage pattern(int width, int height, int frame, boolean alpha) {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.getHSBColor((frame % 60) / 60f, 0.8f, 0.9f));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            for (int x = 0; x < width; x += Math.max(4, width / 16)) {
                g.fillRect(x, 0, Math.max(1, width / 64), height);
            }
            int box = Math.max(4, Math.min(width, height) / 5);
            g.setColor(Color.WHITE);
            g.fillRect((frame * 7) % Math.max(1, width - box), (height - box) / 2, box, box);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(8, height / 10)));
            g.drawString(Integer.toString(frame), 4, Math.max(10, height / 8));
            if (alpha) {
                g.setComposite(java.awt.AlphaComposite.Clear);
                g.fillRect(0, 0, width / 4, height / 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static BufferedImage bgr(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An ID3v2.3 tag holding one {@code APIC} frame: front cover, PNG. */
    private static byte[] id3WithPicture(byte[] png) {
        byte[] mime = "image/png".getBytes(StandardCharsets.ISO_8859_1);
        int frameBody = 1 + mime.length + 1 + 1 + 1 + png.length;
        ByteBuffer frame = ByteBuffer.allocate(10 + frameBody);
        frame.put("APIC".getBytes(StandardCharsets.ISO_8859_1))
                .putInt(frameBody)
                .putShort((short) 0);
        frame.put((byte) 0).put(mime).put((byte) 0).put((byte) 3).put((byte) 0).put(png);
        int size = frame.capacity();
        ByteBuffer tag = ByteBuffer.allocate(10 + size);
        tag.put("ID3".getBytes(StandardCharsets.ISO_8859_1))
                .put((byte) 3)
                .put((byte) 0)
                .put((byte) 0);
        // The tag size is "synchsafe": 7 bits per byte.
        tag.put((byte) ((size >> 21) & 0x7f))
                .put((byte) ((size >> 14) & 0x7f))
                .put((byte) ((size >> 7) & 0x7f))
                .put((byte) (size & 0x7f));
        tag.put(frame.array());
        return tag.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
