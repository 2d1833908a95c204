package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What probing found in a content's plaintext: its container, duration, sound, pictures.
 *
 * @param container the demuxer's name ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code mp3}, {@code png_pipe}, ...)
 * @param duration how long it plays, when the container says
 * @param embeddedPicture the size of a picture attached to the sound (an MP3's or FLAC's cover art), if any
 */
public record SourceMedia(
        String container,
        Optional<Duration> duration,
        Optional<AudioTrack> audio,
        Optional<VideoTrack> video,
        Optional<Dimensions> embeddedPicture) {
    public SourceMedia {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(embeddedPicture, "embeddedPicture");
        if (duration.isPresent() && duration.get().isNegative()) {
            throw new IllegalArgumentException("a duration is >= 0, got " + duration.get());
        }
    }

    /** Nothing found: what a binary content is planned from (it is never probed). */
    public static SourceMedia none() {
        return new SourceMedia("none", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
