package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.ConversionFailure;
import dev.cairn.core.conversion.CoverRendition;
import dev.cairn.core.conversion.CoverSource;
import dev.cairn.core.conversion.Dimensions;
import dev.cairn.core.conversion.ImagePreview;
import dev.cairn.core.conversion.SourceMedia;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Covers and image previews: one picture grabbed as RGBA, then {@link Pictures}. */
final class StillRendering {
    /** A frame whose luma varies less than this (of 255) is taken for black or a fade, not for the content. */
    static final double FLAT_FRAME = 8.0;

    /** Decoding a larger picture would take hundreds of MiB of native memory for one frame. */
    static final long MAX_PICTURE_PIXELS = 64L * 1024 * 1024;

    private StillRendering() {}

    /** The picture {@code cover} asks for, turned as displayed, centre-cropped to a square of its side. */
    static BufferedImage cover(FFmpegFrameGrabber grabber, SourceMedia media, CoverRendition cover, JobGuard guard)
            throws ConversionException {
        BufferedImage picture;
        int rotation = 0;
        if (cover.from() instanceof CoverSource.VideoFrame at) {
            if (media.video().isEmpty()) {
                throw new ConversionException(
                        ConversionFailure.NO_MEDIA_STREAM, "the file holds no video to take a cover from");
            }
            checkSize(media.video().get().size());
            rotation = media.video().get().rotationDegrees();
            picture = representativeFrame(grabber, media, at.at(), guard);
        } else {
            Dimensions size = media.embeddedPicture()
                    .orElseThrow(() -> new ConversionException(
                            ConversionFailure.NO_MEDIA_STREAM, "the file has no embedded picture to make a cover of"));
            checkSize(size);
            picture = grabPicture(grabber, guard)
                    .orElseThrow(() -> new ConversionException(
                            ConversionFailure.UNREADABLE_INPUT, "the embedded picture could not be decoded"));
        }
        BufferedImage square = Pictures.centreSquare(Pictures.rotated(picture, rotation));
        int side = Math.min(cover.side(), square.getWidth());
        return Pictures.scaled(square, side, side);
    }

    /** The image scaled to the preview's size. */
    static BufferedImage imagePreview(
            FFmpegFrameGrabber grabber, SourceMedia media, ImagePreview preview, JobGuard guard)
            throws ConversionException {
        if (media.video().isEmpty()) {
            throw new ConversionException(
                    ConversionFailure.NO_MEDIA_STREAM, "the file holds no picture FFmpeg can decode");
        }
        checkSize(media.video().get().size());
        BufferedImage picture = grabPicture(grabber, guard)
                .orElseThrow(() -> new ConversionException(
                        ConversionFailure.UNREADABLE_INPUT, "the picture could not be decoded"));
        Dimensions size = preview.size();
        return Pictures.scaled(
                picture, Math.min(size.width(), picture.getWidth()), Math.min(size.height(), picture.getHeight()));
    }

    /**
     * The frame near {@code at}, or, when that one is flat (black between scenes, a fade), the first lively one of a
     * few others: a tenth and half-way in. The liveliest one seen if all are flat.
     */
    private static BufferedImage representativeFrame(
            FFmpegFrameGrabber grabber, SourceMedia media, Duration at, JobGuard guard) throws ConversionException {
        Set<Duration> candidates = new LinkedHashSet<>();
        candidates.add(at);
        media.duration().ifPresent(d -> {
            candidates.add(d.dividedBy(10));
            candidates.add(d.dividedBy(2));
        });
        candidates.add(Duration.ZERO);
        BufferedImage best = null;
        double bestSpread = -1;
        for (Duration t : candidates) {
            guard.check();
            try {
                grabber.setVideoTimestamp(TimedRendering.micros(t));
            } catch (FrameGrabber.Exception e) {
                continue;
            }
            Optional<BufferedImage> frame = grabPicture(grabber, guard);
            if (frame.isEmpty()) {
                continue;
            }
            double spread = Pictures.lumaSpread(frame.get());
            if (spread >= FLAT_FRAME) {
                return frame.get();
            }
            if (spread > bestSpread) {
                best = frame.get();
                bestSpread = spread;
            }
        }
        if (best == null) {
            throw new ConversionException(
                    ConversionFailure.UNREADABLE_INPUT, "no video frame could be decoded for the cover");
        }
        return best;
    }

    private static Optional<BufferedImage> grabPicture(FFmpegFrameGrabber grabber, JobGuard guard)
            throws ConversionException {
        try (PointerScope scope = new PointerScope()) {
            Frame frame = grabber.grabImage();
            return frame == null || frame.image == null ? Optional.empty() : Optional.of(Pictures.fromRgba(frame));
        } catch (FrameGrabber.Exception e) {
            throw guard.tripped()
                    .orElseGet(() -> new ConversionException(
                            ConversionFailure.UNREADABLE_INPUT,
                            "the picture could not be decoded: " + FFmpeg.describe(e),
                            e));
        }
    }

    private static void checkSize(Dimensions size) throws ConversionException {
        if (size.pixels() > MAX_PICTURE_PIXELS) {
            throw new ConversionException(
                    ConversionFailure.INPUT_TOO_LARGE,
                    "the picture is " + size + ", over the " + MAX_PICTURE_PIXELS / (1024 * 1024)
                            + " megapixels converted");
        }
    }
}
