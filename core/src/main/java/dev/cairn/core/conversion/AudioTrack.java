package dev.cairn.core.conversion;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The sound a source holds.
 *
 * @param codec the decoder's name ({@code mp3float}, {@code flac}, {@code aac}, ...)
 * @param bitrateBps the stream's bitrate where the container or codec says (lossless and PCM report theirs)
 */
public record AudioTrack(String codec, OptionalLong bitrateBps, int sampleRate, int channels) {
    public AudioTrack {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(bitrateBps, "bitrateBps");
        if (bitrateBps.isPresent() && bitrateBps.getAsLong() <= 0) {
            throw new IllegalArgumentException("a known bitrate is > 0 bps, got " + bitrateBps.getAsLong());
        }
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("an audio track has a positive sample rate and channel count, got "
                    + sampleRate + " Hz, " + channels + " channels");
        }
    }
}
