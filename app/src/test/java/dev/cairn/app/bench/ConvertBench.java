package dev.cairn.app.bench;

import dev.cairn.adapters.ffmpeg.JavaCvTranscoder;
import dev.cairn.adapters.ffmpeg.ScratchSpace;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.conversion.AudioEncoding;
import dev.cairn.core.conversion.AudioRendition;
import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.Clip;
import dev.cairn.core.conversion.ConversionLimits;
import dev.cairn.core.conversion.ConversionPlan;
import dev.cairn.core.conversion.CoverRendition;
import dev.cairn.core.conversion.CoverSource;
import dev.cairn.core.conversion.DerivationPolicy;
import dev.cairn.core.conversion.MediaSource;
import dev.cairn.core.conversion.ProgressListener;
import dev.cairn.core.conversion.Rendition;
import dev.cairn.core.conversion.VideoRendition;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.port.RandomBytes;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Conversion speed of {@link JavaCvTranscoder} against the {@code ffmpeg} command line with the same settings on the
 * same input, rendition by rendition (best of {@code rounds} each), then resident memory before and after {@code n}
 * whole conversions (every rendition of a plan) of two small inputs, alternating.
 *
 * <p>Usage: {@code ConvertBench <work dir> <video> <audio> <rounds> <small video> <small audio> <n> <threads>
 * <h264 encoder args...>}: the last arguments are what the command line encodes H.264 with ({@code -c:v libopenh264}
 * where the ffmpeg build has it, as JavaCV's has; Debian's has only {@code libx264}).
 */
public final class ConvertBench {
    private ConvertBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path video = Path.of(args[1]);
        Path audio = Path.of(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path smallVideo = Path.of(args[4]);
        Path smallAudio = Path.of(args[5]);
        int n = Integer.parseInt(args[6]);
        int threads = Integer.parseInt(args[7]);
        List<String> h264 = List.of(args).subList(8, args.length);
        var limits = new ConversionLimits(threads, Duration.ofHours(1), Duration.ofHours(4), 4L << 30);
        try (ScratchSpace scratch = ScratchSpace.open(work.resolve("scratch"), CtrCipher.jce(), RandomBytes.secure())) {
            var transcoder = new JavaCvTranscoder(scratch, limits);
            System.out.printf(Locale.ROOT, "%-24s %10s %10s %8s%n", "rendition", "javacv s", "ffmpeg s", "ratio");
            double javacvTotal = 0;
            double cliTotal = 0;
            for (Path input : List.of(video, audio)) {
                ContentKind kind = input.toString().endsWith(".wav") ? ContentKind.AUDIO : ContentKind.VIDEO;
                MediaSource source = MediaSource.of(Files.readAllBytes(input));
                var media = transcoder.probe(source, new Cancellation());
                ConversionPlan plan = DerivationPolicy.defaults().plan(kind, "application/octet-stream", media);
                for (Rendition r : plan.toTranscode()) {
                    double javacv = Double.MAX_VALUE;
                    double cli = Double.MAX_VALUE;
                    for (int round = 0; round < rounds; round++) {
                        long t0 = System.nanoTime();
                        transcoder.transcode(
                                source, r, OutputStream.nullOutputStream(), ProgressListener.NONE, new Cancellation());
                        javacv = Math.min(javacv, (System.nanoTime() - t0) / 1e9);
                        List<String> command = cli(r, input, work, threads, h264);
                        long t1 = System.nanoTime();
                        Process p = new ProcessBuilder(command).inheritIO().start();
                        if (p.waitFor() != 0) {
                            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command));
                        }
                        cli = Math.min(cli, (System.nanoTime() - t1) / 1e9);
                        if (round == 0) {
                            System.out.println("  # " + String.join(" ", command));
                        }
                    }
                    javacvTotal += javacv;
                    cliTotal += cli;
                    System.out.printf(
                            Locale.ROOT,
                            "%-24s %10.2f %10.2f %8.2f%n",
                            kind.wire() + " " + r.kind().wire(),
                            javacv,
                            cli,
                            cli / javacv);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-24s %10.2f %10.2f %8.2f   (ratio = ffmpeg time / JavaCV time: speed relative to the CLI)%n",
                    "all",
                    javacvTotal,
                    cliTotal,
                    cliTotal / javacvTotal);

            List<MediaSource> small = List.of(
                    MediaSource.of(Files.readAllBytes(smallVideo)), MediaSource.of(Files.readAllBytes(smallAudio)));
            List<ContentKind> smallKinds = List.of(ContentKind.VIDEO, ContentKind.AUDIO);
            convert(transcoder, small.get(0), smallKinds.get(0));
            convert(transcoder, small.get(1), smallKinds.get(1));
            System.gc();
            System.out.println("memory after 1 warm-up conversion of each: " + memory());
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                convert(transcoder, small.get(i % 2), smallKinds.get(i % 2));
                if (i % 25 == 0) {
                    System.out.println("memory after " + i + " conversions: " + memory());
                }
            }
            System.gc();
            System.out.printf(
                    Locale.ROOT,
                    "memory after %d conversions and a GC: %s (%.1f s)%n",
                    n,
                    memory(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void convert(JavaCvTranscoder transcoder, MediaSource source, ContentKind kind) throws Exception {
        var media = transcoder.probe(source, new Cancellation());
        for (Rendition r : DerivationPolicy.defaults().plan(kind, "x", media).toTranscode()) {
            transcoder.transcode(source, r, OutputStream.nullOutputStream(), ProgressListener.NONE, new Cancellation());
        }
    }

    /** The ffmpeg command line that makes {@code r} with the settings JavaCV is given. */
    static List<String> cli(Rendition r, Path input, Path work, int threads, List<String> h264) {
        List<String> c = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-threads", "" + threads));
        Optional<Clip> clip = switch (r) {
            case AudioRendition a -> a.clip();
            case VideoRendition v -> v.clip();
            default -> Optional.empty();
        };
        if (r instanceof CoverRendition cover && cover.from() instanceof CoverSource.VideoFrame frame) {
            c.addAll(List.of("-ss", seconds(frame.at())));
        }
        clip.ifPresent(k -> c.addAll(List.of("-ss", seconds(k.start()), "-t", seconds(k.length()))));
        c.addAll(List.of("-i", input.toString()));
        switch (r) {
            case AudioRendition a -> {
                c.add("-vn");
                audio(c, a.audio());
                c.addAll(List.of(
                        "-movflags", "+faststart", work.resolve("out.m4a").toString()));
            }
            case VideoRendition v -> {
                int gop = Math.max(1, (int) Math.round(v.frameRate() * 2));
                c.addAll(List.of(
                        "-vf", "scale=" + v.size().width() + ":" + v.size().height() + ":flags=bicubic",
                        "-r", "" + v.frameRate(),
                        "-b:v", "" + v.videoBitrateBps(),
                        "-g", "" + gop,
                        "-pix_fmt", "yuv420p"));
                c.addAll(h264);
                v.audio().ifPresentOrElse(a -> audio(c, a), () -> c.add("-an"));
                c.addAll(List.of(
                        "-movflags", "+faststart", work.resolve("out.mp4").toString()));
            }
            case CoverRendition cover ->
                c.addAll(List.of(
                        "-frames:v",
                        "1",
                        "-vf",
                        "crop='min(iw,ih)':'min(iw,ih)',scale=" + cover.side() + ":" + cover.side() + ":flags=bicubic",
                        work.resolve("cover.jpg").toString()));
            default -> throw new IllegalArgumentException("not benchmarked: " + r);
        }
        return c;
    }

    private static void audio(List<String> c, AudioEncoding a) {
        c.addAll(List.of(
                "-c:a", "aac", "-b:a", "" + a.bitrateBps(), "-ar", "" + a.sampleRate(), "-ac", "" + a.channels()));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    /** Resident memory (VmRSS), heap in use, and what JavaCPP tracks natively. */
    private static String memory() throws Exception {
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .findFirst()
                .orElse("VmRSS: ?")
                .replaceAll("\\s+", " ");
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return rss + ", heap used " + heapMb + " MB, JavaCPP tracked "
                + (org.bytedeco.javacpp.Pointer.totalBytes() >> 20) + " MB";
    }
}
