package dev.cairn.app.node;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A WAV file of a sine tone, written byte by byte (16-bit PCM): small generated sound for conversion tests. */
public final class SineWave {
    private SineWave() {}

    /** {@code seconds} of a 440 Hz tone at {@code rate} samples per second on {@code channels} channels. */
    public static byte[] wav(double seconds, int rate, int channels) {
        int frames = (int) Math.round(seconds * rate);
        int dataBytes = frames * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
        b.putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            short sample = (short) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 12_000);
            for (int c = 0; c < channels; c++) {
                b.putShort(sample);
            }
        }
        return b.array();
    }

    /** A WAV header followed by noise: what a media extension promises and FFmpeg cannot read. */
    public static byte[] corrupt(int length, long seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        byte[] header = "RIFF\u0000\u0000\u0000\u0000WAVEjunk".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
