package dev.cairn.adapters.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import dev.cairn.core.conversion.AudioTrack;
import dev.cairn.core.conversion.Dimensions;
import dev.cairn.core.conversion.SourceMedia;
import dev.cairn.core.conversion.VideoTrack;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Reads what a started grabber's input holds into core's {@link SourceMedia}. */
final class Probe {
    private Probe() {}

    static SourceMedia of(FFmpegFrameGrabber grabber) {
        AVFormatContext format = grabber.getFormatContext();
        Optional<Duration> duration = format.duration() == AV_NOPTS_VALUE || format.duration() < 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(format.duration() * (1_000_000_000L / AV_TIME_BASE)));
        Optional<AudioTrack> audio = Optional.empty();
        Optional<VideoTrack> video = Optional.empty();
        Optional<Dimensions> picture = Optional.empty();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            AVCodecParameters par = stream.codecpar();
            if (par.codec_type() == AVMEDIA_TYPE_AUDIO && audio.isEmpty() && par.sample_rate() > 0) {
                audio = Optional.of(new AudioTrack(
                        codecName(par),
                        audioBitrate(par, format),
                        par.sample_rate(),
                        Math.max(1, par.ch_layout().nb_channels())));
            } else if (par.codec_type() == AVMEDIA_TYPE_VIDEO && par.width() > 0 && par.height() > 0) {
                Dimensions size = new Dimensions(par.width(), par.height());
                if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
                    picture = picture.or(() -> Optional.of(size));
                } else if (video.isEmpty()) {
                    video = Optional.of(new VideoTrack(
                            codecName(par),
                            size,
                            frameRate(stream),
                            par.bit_rate() > 0 ? OptionalLong.of(par.bit_rate()) : OptionalLong.empty(),
                            rotation(par)));
                }
            }
        }
        return new SourceMedia(grabber.getFormat(), duration, audio, video, picture);
    }

    private static String codecName(AVCodecParameters par) {
        return avcodec_get_name(par.codec_id()).getString();
    }

    /** The stream's own bitrate, else (sound alone: FLAC, WAV...) the container's average. */
    private static OptionalLong audioBitrate(AVCodecParameters par, AVFormatContext format) {
        if (par.bit_rate() > 0) {
            return OptionalLong.of(par.bit_rate());
        }
        boolean soundOnly = true;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            soundOnly &= s.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO
                    || (s.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
        }
        return soundOnly && format.bit_rate() > 0 ? OptionalLong.of(format.bit_rate()) : OptionalLong.empty();
    }

    private static double frameRate(AVStream stream) {
        AVRational r = stream.avg_frame_rate();
        if (r.num() <= 0 || r.den() <= 0) {
            r = stream.r_frame_rate();
        }
        return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : 0;
    }

    /**
     * The clockwise rotation a player applies, from the stream's display matrix. FFmpeg's angle is counter-clockwise;
     * anything but a quarter turn is rounded to one.
     */
    static int rotation(AVCodecParameters par) {
        AVPacketSideData side =
                av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < 36) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarterTurns = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarterTurns * 90, 360);
    }
}
