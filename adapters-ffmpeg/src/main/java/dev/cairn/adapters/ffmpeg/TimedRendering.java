package dev.cairn.adapters.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.cairn.core.conversion.AudioEncoding;
import dev.cairn.core.conversion.AudioRendition;
import dev.cairn.core.conversion.Clip;
import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.ConversionFailure;
import dev.cairn.core.conversion.ProgressListener;
import dev.cairn.core.conversion.Rendition;
import dev.cairn.core.conversion.SourceMedia;
import dev.cairn.core.conversion.VideoRendition;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Decodes a started grabber's frames into an MP4 recorder: AAC-LC sound, and H.264 (OpenH264, constrained baseline)
 * pictures already scaled by the grabber to the rendition's size. The muxer writes {@code moov} last; the caller moves
 * it to the front.
 *
 * <p>Timing: every picture lands on the frame slot its timestamp falls in at the rendition's frame rate; a second
 * picture for a slot is dropped (a 60 fps source made 30 fps), an empty slot is skipped over (variable frame rate keeps
 * its timing). Sound keeps every sample from the clip's start on. A clip starts with a seek that decodes up to its
 * first frame, so it begins where asked, not at the keyframe before.
 */
final class TimedRendering {
    private static final long MICROS = 1_000_000L;

    private final FFmpegFrameGrabber grabber;
    private final SourceMedia media;
    private final JobGuard guard;
    private final ProgressListener progress;
    private int reported = -1;

    private TimedRendering(FFmpegFrameGrabber grabber, SourceMedia media, JobGuard guard, ProgressListener progress) {
        this.grabber = grabber;
        this.media = media;
        this.guard = guard;
        this.progress = progress;
    }

    /** What to set on a grabber before {@code start()} for this rendition: output picture size, float samples. */
    static void prepare(FFmpegFrameGrabber grabber, Rendition rendition) {
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        if (rendition instanceof VideoRendition video) {
            grabber.setImageWidth(video.size().width());
            grabber.setImageHeight(video.size().height());
            grabber.setImageScalingFlags(org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC);
        }
    }

    /** Records {@code rendition} from the started {@code grabber} into {@code out}. */
    static void run(
            FFmpegFrameGrabber grabber,
            SourceMedia media,
            Rendition rendition,
            OutputStream out,
            JobGuard guard,
            ProgressListener progress)
            throws ConversionException {
        new TimedRendering(grabber, media, guard, progress).run(rendition, out);
    }

    private void run(Rendition rendition, OutputStream out) throws ConversionException {
        Optional<Clip> clip;
        boolean withVideo;
        Optional<AudioEncoding> sound;
        if (rendition instanceof AudioRendition audio) {
            clip = audio.clip();
            withVideo = false;
            sound = Optional.of(audio.audio());
        } else if (rendition instanceof VideoRendition video) {
            clip = video.clip();
            withVideo = true;
            sound = video.audio().filter(s -> grabber.hasAudio());
        } else {
            throw new IllegalArgumentException("not a timed rendition: " + rendition);
        }
        try (FFmpegFrameRecorder recorder = recorder(rendition, sound, out)) {
            startRecorder(recorder);
            copyFrames(recorder, clip, withVideo, rendition instanceof VideoRendition v ? v.frameRate() : 0);
            try {
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw encoderFailure("finishing the MP4", e);
            }
        } catch (FrameRecorder.Exception e) {
            throw encoderFailure("releasing the encoder", e);
        }
    }

    private FFmpegFrameRecorder recorder(Rendition rendition, Optional<AudioEncoding> sound, OutputStream out) {
        int channels = sound.map(AudioEncoding::channels).orElse(0);
        FFmpegFrameRecorder recorder;
        String threads = Integer.toString(guard.limits().threads());
        if (rendition instanceof VideoRendition video) {
            recorder = new FFmpegFrameRecorder(
                    out, video.size().width(), video.size().height(), channels);
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, video.videoBitrateBps()));
            recorder.setFrameRate(video.frameRate());
            // A keyframe every two seconds: a player seeks to any point without decoding far.
            recorder.setGopSize(Math.max(1, (int) Math.round(video.frameRate() * 2)));
            recorder.setVideoOption("threads", threads);
            // JavaCV takes the angle as FFmpeg reports it (counter-clockwise); ours is the clockwise turn to display.
            media.video()
                    .filter(v -> v.rotationDegrees() != 0)
                    .ifPresent(v -> recorder.setDisplayRotation(-v.rotationDegrees()));
        } else {
            recorder = new FFmpegFrameRecorder(out, channels);
        }
        recorder.setCloseOutputStream(false);
        recorder.setFormat("mp4");
        sound.ifPresent(s -> {
            recorder.setAudioCodecName("aac");
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setAudioBitrate((int) Math.min(Integer.MAX_VALUE, s.bitrateBps()));
            recorder.setSampleRate(s.sampleRate());
            recorder.setAudioChannels(s.channels());
        });
        return recorder;
    }

    private void startRecorder(FFmpegFrameRecorder recorder) throws ConversionException {
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw encoderFailure("starting the encoder", e);
        }
    }

    private void copyFrames(FFmpegFrameRecorder recorder, Optional<Clip> clip, boolean withVideo, double frameRate)
            throws ConversionException {
        long origin = grabber.getFormatContext().start_time();
        long fileStart = origin == AV_NOPTS_VALUE ? 0 : origin;
        long clipStart = clip.map(c -> micros(c.start())).orElse(0L);
        long clipLength = clip.map(c -> micros(c.length()))
                .or(() -> media.duration().map(TimedRendering::micros))
                .orElse(0L);
        long clipEnd = clip.isPresent() ? clipStart + clipLength : Long.MAX_VALUE;
        if (clipStart > 0) {
            seek(clipStart);
        }
        while (true) {
            guard.check();
            Frame frame = grab(withVideo);
            if (frame == null) {
                break;
            }
            long at = frame.timestamp - fileStart;
            guard.checkPlayed(at);
            if (at >= clipEnd) {
                break;
            }
            long intoClip = at - clipStart;
            if (intoClip < 0) {
                continue;
            }
            try (PointerScope scope = new PointerScope()) {
                if (frame.image != null && withVideo) {
                    long slot = Math.round(intoClip * frameRate / MICROS);
                    if (slot < recorder.getFrameNumber()) {
                        continue;
                    }
                    if (slot > recorder.getFrameNumber()) {
                        recorder.setFrameNumber((int) slot);
                    }
                    recorder.record(frame);
                } else if (frame.samples != null && recorder.getAudioChannels() > 0) {
                    recorder.record(frame);
                }
            } catch (FrameRecorder.Exception e) {
                throw encoderFailure("encoding at " + seconds(at), e);
            }
            report(intoClip, clipLength);
        }
    }

    private Frame grab(boolean withVideo) throws ConversionException {
        try {
            return withVideo ? grabber.grab() : grabber.grabSamples();
        } catch (FrameGrabber.Exception e) {
            throw guard.tripped()
                    .orElseGet(() -> new ConversionException(
                            ConversionFailure.UNREADABLE_INPUT,
                            "the file is damaged: decoding stopped after " + seconds(grabber.getTimestamp()) + ": "
                                    + FFmpeg.describe(e),
                            e));
        }
    }

    private void seek(long micros) throws ConversionException {
        try {
            grabber.setTimestamp(micros, true);
        } catch (FrameGrabber.Exception e) {
            throw guard.tripped()
                    .orElseGet(() -> new ConversionException(
                            ConversionFailure.UNREADABLE_INPUT,
                            "cannot seek to the preview's start at " + seconds(micros) + ": " + FFmpeg.describe(e),
                            e));
        }
    }

    private void report(long done, long total) {
        if (total <= 0) {
            return;
        }
        int percent = (int) Math.min(99, Math.max(0, done * 100 / total));
        if (percent > reported) {
            reported = percent;
            progress.progress(percent);
        }
    }

    private ConversionException encoderFailure(String when, Exception e) {
        return guard.tripped()
                .orElseGet(() -> new ConversionException(
                        ConversionFailure.ENCODER, "the encoder failed " + when + ": " + FFmpeg.describe(e), e));
    }

    static long micros(Duration d) {
        return d.toNanos() / 1000;
    }

    private static String seconds(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2f s", micros / 1e6);
    }
}
