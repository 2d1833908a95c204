package dev.cairn.adapters.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import dev.cairn.core.conversion.AudioRendition;
import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.ConversionFailure;
import dev.cairn.core.conversion.ConversionLimits;
import dev.cairn.core.conversion.CoverRendition;
import dev.cairn.core.conversion.ImagePreview;
import dev.cairn.core.conversion.MediaSource;
import dev.cairn.core.conversion.Original;
import dev.cairn.core.conversion.ProgressListener;
import dev.cairn.core.conversion.Rendition;
import dev.cairn.core.conversion.SourceMedia;
import dev.cairn.core.conversion.TranscodeReport;
import dev.cairn.core.conversion.Transcoder;
import dev.cairn.core.conversion.VideoRendition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * core's {@link Transcoder} on JavaCV. Each call opens its own grabber on the plaintext, streamed through a {@link
 * SourceStream} (for a stored content: decrypted range by range, never written out), and closes everything native it
 * opened before returning, whatever happens.
 *
 * <p>Audio and video are muxed into a {@link ScratchFile} (ciphertext under a throw-away key), then copied to the
 * caller's stream with the index moved to the front ({@link FastStart}) and probed back for the report. Pictures are
 * encoded in memory. Every failure becomes a {@link ConversionException} whose reason is the limit hit or what was
 * wrong with the input.
 */
public final class JavaCvTranscoder implements Transcoder {
    /**
     * The demuxers probed: the containers of sound, video and pictures people upload. Not among them: playlists and
     * indirections (HLS, DASH, concat, image sequences), devices, raw streams without a header. (AVIF and HEIC are
     * read by the {@code mov} demuxer.)
     */
    static final String DEMUXERS = String.join(
            ",",
            "mov",
            "matroska",
            "avi",
            "flv",
            "asf",
            "mpegts",
            "mpeg",
            "ogg",
            "mp3",
            "aac",
            "flac",
            "wav",
            "w64",
            "aiff",
            "amr",
            "ac3",
            "eac3",
            "dts",
            "truehd",
            "wv",
            "ape",
            "tta",
            "caf",
            "au",
            "png_pipe",
            "jpeg_pipe",
            "gif",
            "webp_pipe",
            "bmp_pipe",
            "tiff_pipe",
            "apng");

    private final ScratchSpace scratch;
    private final ConversionLimits limits;

    public JavaCvTranscoder(ScratchSpace scratch, ConversionLimits limits) {
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.limits = Objects.requireNonNull(limits, "limits");
        FFmpeg.load();
    }

    @Override
    public SourceMedia probe(MediaSource source, Cancellation cancellation) throws ConversionException {
        JobGuard guard = new JobGuard(limits, Objects.requireNonNull(cancellation, "cancellation"));
        checkSize(source);
        try (SourceStream in = new SourceStream(source, guard);
                FFmpegFrameGrabber grabber = grabber(in)) {
            return open(grabber, guard);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failure(e, guard, "probing the file");
        }
    }

    @Override
    public TranscodeReport transcode(
            MediaSource source,
            Rendition rendition,
            OutputStream out,
            ProgressListener progress,
            Cancellation cancellation)
            throws ConversionException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress");
        if (rendition instanceof Original) {
            throw new IllegalArgumentException("the original is served as uploaded; there is nothing to transcode");
        }
        JobGuard guard = new JobGuard(limits, Objects.requireNonNull(cancellation, "cancellation"));
        checkSize(source);
        try {
            progress.progress(0);
            TranscodeReport report = rendition instanceof AudioRendition || rendition instanceof VideoRendition
                    ? timed(source, rendition, new SinkStream(out), progress, guard)
                    : still(source, rendition, new SinkStream(out), guard);
            progress.progress(100);
            return report;
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failure(e, guard, "making the " + rendition.kind().wire());
        }
    }

    private TranscodeReport timed(
            MediaSource source, Rendition rendition, SinkStream out, ProgressListener progress, JobGuard guard)
            throws ConversionException, IOException {
        try (ScratchFile muxed = scratch.create()) {
            try (SourceStream in = new SourceStream(source, guard);
                    FFmpegFrameGrabber grabber = grabber(in)) {
                TimedRendering.prepare(grabber, rendition);
                SourceMedia media = open(grabber, guard);
                TimedRendering.run(grabber, media, rendition, muxed.writer(), guard, progress);
            }
            guard.check();
            long written = FastStart.write(muxed, out);
            SourceMedia made = probeOutput(muxed, guard);
            Optional<Duration> duration = made.duration();
            OptionalLong bitrate = duration.filter(d -> d.toMillis() > 0)
                    .map(d -> OptionalLong.of(written * 8_000 / d.toMillis()))
                    .orElse(OptionalLong.empty());
            String codec = made.video()
                    .map(v -> v.codec() + made.audio().map(a -> "+" + a.codec()).orElse(""))
                    .orElseGet(() -> made.audio().map(a -> a.codec()).orElse("none"));
            return new TranscodeReport(
                    rendition.mimeType(), codec, bitrate, made.video().map(v -> v.size()), duration, written);
        }
    }

    private TranscodeReport still(MediaSource source, Rendition rendition, SinkStream out, JobGuard guard)
            throws ConversionException, IOException {
        BufferedImage picture;
        try (SourceStream in = new SourceStream(source, guard);
                FFmpegFrameGrabber grabber = grabber(in)) {
            grabber.setPixelFormat(AV_PIX_FMT_RGBA);
            SourceMedia media = open(grabber, guard);
            picture = rendition instanceof CoverRendition cover
                    ? StillRendering.cover(grabber, media, cover, guard)
                    : StillRendering.imagePreview(grabber, media, (ImagePreview) rendition, guard);
        }
        guard.check();
        Pictures.writeJpeg(picture, out);
        return new TranscodeReport(
                rendition.mimeType(),
                "jpeg",
                OptionalLong.empty(),
                Optional.of(new dev.cairn.core.conversion.Dimensions(picture.getWidth(), picture.getHeight())),
                Optional.empty(),
                out.count());
    }

    private SourceMedia probeOutput(ScratchFile muxed, JobGuard guard) throws ConversionException, IOException {
        try (SourceStream in = new SourceStream(muxed, guard);
                FFmpegFrameGrabber grabber = grabber(in)) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new ConversionException(
                        ConversionFailure.ENCODER,
                        "the rendition just written cannot be read back: " + FFmpeg.describe(e),
                        e);
            }
            return Probe.of(grabber);
        }
    }

    private FFmpegFrameGrabber grabber(SourceStream in) {
        // A maximum size > 0 makes JavaCV hand FFmpeg a seek callback; our stream seeks without buffering.
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in, Integer.MAX_VALUE - 8);
        grabber.setCloseInputStream(false);
        // Media arrives only through our stream: no demuxer may open anything else (an uploaded HLS playlist naming
        // file:///etc/passwd or an internal URL, JavaCV's retry by file name), and only the formats a node converts
        // are probed at all.
        grabber.setOption("protocol_whitelist", "none");
        grabber.setOption("format_whitelist", DEMUXERS);
        String threads = Integer.toString(limits.threads());
        grabber.setVideoOption("threads", threads);
        grabber.setAudioOption("threads", threads);
        return grabber;
    }

    /** Starts {@code grabber} and checks what it found against the duration limit. */
    private SourceMedia open(FFmpegFrameGrabber grabber, JobGuard guard) throws ConversionException {
        StringBuilder log = new StringBuilder();
        try {
            FFmpeg.capturing(log, () -> {
                grabber.start();
                return null;
            });
        } catch (FrameGrabber.Exception e) {
            throw guard.tripped()
                    .orElseGet(() -> new ConversionException(
                            ConversionFailure.UNREADABLE_INPUT,
                            "FFmpeg cannot read the file as audio, video or a picture: " + openFailure(e, log),
                            e));
        }
        SourceMedia media = Probe.of(grabber);
        if (media.duration()
                .filter(d -> d.compareTo(limits.maxInputDuration()) > 0)
                .isPresent()) {
            throw guard.tooLong("plays " + media.duration().get().toSeconds() + " s, longer than");
        }
        if (media.audio().isEmpty()
                && media.video().isEmpty()
                && media.embeddedPicture().isEmpty()) {
            throw new ConversionException(
                    ConversionFailure.NO_MEDIA_STREAM,
                    "the file (" + media.container() + ") holds no sound or picture FFmpeg can decode");
        }
        return media;
    }

    /**
     * Why opening failed. When {@code avformat_open_input} fails, JavaCV tries once more by file name, and reports that
     * second failure (refused here by the protocol whitelist): FFmpeg's own log lines are the real reason.
     */
    private static String openFailure(FrameGrabber.Exception e, StringBuilder log) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String reasons = java.util.Arrays.stream(log.toString().split("; "))
                .filter(line -> !line.isBlank() && !line.contains("not on whitelist"))
                .collect(java.util.stream.Collectors.joining("; "));
        if (message.startsWith("avformat_open_input()")) {
            return reasons.isEmpty() ? "no format FFmpeg knows matches its contents" : reasons;
        }
        return FFmpeg.describe(e) + (reasons.isEmpty() ? "" : " (" + reasons + ")");
    }

    private void checkSize(MediaSource source) throws ConversionException {
        if (source.size() > limits.maxInputBytes()) {
            throw new ConversionException(
                    ConversionFailure.INPUT_TOO_LARGE,
                    "the file is " + source.size() + " bytes, over the " + limits.maxInputBytes()
                            + " bytes converted (CONVERT_MAX_INPUT_MB)");
        }
    }

    private static ConversionException failure(Throwable e, JobGuard guard, String doing) {
        if (guard.tripped().isPresent()) {
            return guard.tripped().get();
        }
        if (e instanceof SinkStream.Failure sink) {
            return new ConversionException(
                    ConversionFailure.STORAGE,
                    "storing the rendition failed: " + sink.getCause().getMessage(),
                    sink);
        }
        if (e instanceof IOException) {
            return new ConversionException(
                    ConversionFailure.STORAGE, doing + " failed reading or writing: " + FFmpeg.describe(e), e);
        }
        return new ConversionException(ConversionFailure.ENCODER, doing + " failed inside FFmpeg or JavaCV: " + e, e);
    }
}
