package dev.cairn.core.conversion;

/** AAC-LC settings: the average bitrate aimed at, the sample rate and channel count (downmixed where fewer). */
public record AudioEncoding(long bitrateBps, int sampleRate, int channels) {
    public AudioEncoding {
        if (bitrateBps <= 0 || sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("audio encoding numbers are positive, got " + bitrateBps + " bps, "
                    + sampleRate + " Hz, " + channels + " channels");
        }
    }
}
