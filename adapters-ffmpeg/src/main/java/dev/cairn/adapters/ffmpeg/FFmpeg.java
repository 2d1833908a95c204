package dev.cairn.adapters.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FFmpeg libraries: loaded once, their log routed to SLF4J, their error codes made readable.
 *
 * <p>JavaCV's grabber also tries to load {@code libavdevice} (capture devices), which in this build links
 * PulseAudio; on a server without {@code libpulse0} that one load fails, JavaCV notes it and carries on, and nothing
 * here uses devices. So a node needs no audio system installed.
 */
final class FFmpeg {
    private static final Logger log = LoggerFactory.getLogger(FFmpeg.class);
    private static final Logger ffmpegLog = LoggerFactory.getLogger("ffmpeg");
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-f]+\\]\\s*");
    /** What FFmpeg logged on this thread while {@link #capturing} runs: the reason behind a bare error code. */
    private static final ThreadLocal<StringBuilder> CAPTURED = new ThreadLocal<>();

    private static volatile boolean loaded;
    private static LogCallback callback;

    private FFmpeg() {}

    /** Loads the libraries (about a second the first time: JavaCPP extracts them to its cache) and logs versions. */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (FFmpeg.class) {
            if (loaded) {
                return;
            }
            avutil.av_log_set_level(AV_LOG_ERROR);
            callback = new Slf4jCallback().retainReference();
            avutil.setLogCallback(callback);
            log.info(
                    "FFmpeg {} loaded (libavformat {}, libavcodec {}); H.264 encoder: {}",
                    avutil.av_version_info().getString(),
                    version(avformat.avformat_version()),
                    version(avcodec.avcodec_version()),
                    avcodec.avcodec_find_encoder_by_name("libopenh264") != null ? "libopenh264" : "none");
            loaded = true;
        }
    }

    /** The FFmpeg version string ({@code 8.1.2}...). */
    static String version() {
        load();
        return avutil.av_version_info().getString();
    }

    /**
     * JavaCV's message with FFmpeg's error code spelled out: {@code avformat_open_input() error -1094995529: Could not
     * open input} becomes {@code ... (Invalid data found when processing input)}.
     */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        message = message.replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
        Matcher m = ERROR_CODE.matcher(message);
        if (m.find()) {
            try {
                int code = Integer.parseInt(m.group(1));
                byte[] text = new byte[256];
                if (avutil.av_strerror(code, text, text.length) == 0) {
                    int end = 0;
                    while (end < text.length && text[end] != 0) {
                        end++;
                    }
                    message += " (" + new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8) + ")";
                }
            } catch (NumberFormatException ignored) {
                // not an int: leave the message as it is
            }
        }
        return message;
    }

    /** Something FFmpeg is asked to do, which may fail. */
    @FunctionalInterface
    interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code call}, collecting the warnings and errors FFmpeg logs on this thread meanwhile into {@code log}
     * (demuxers and decoders log there: "moov atom not found", "Invalid data found").
     */
    static <T, E extends Exception> T capturing(StringBuilder log, Call<T, E> call) throws E {
        StringBuilder outer = CAPTURED.get();
        CAPTURED.set(log);
        try {
            return call.run();
        } finally {
            if (outer == null) {
                CAPTURED.remove();
            } else {
                CAPTURED.set(outer);
            }
        }
    }

    private static String version(int packed) {
        return (packed >> 16) + "." + ((packed >> 8) & 0xff) + "." + (packed & 0xff);
    }

    /** FFmpeg's errors are about the input nearly always: a warning, not an error of the node. */
    private static final class Slf4jCallback extends LogCallback {
        @Override
        public void call(int level, BytePointer message) {
            if (level > AV_LOG_WARNING || !ffmpegLog.isWarnEnabled()) {
                return;
            }
            String text = message.getString().strip();
            if (text.isEmpty()) {
                return;
            }
            ffmpegLog.warn(text);
            StringBuilder log = CAPTURED.get();
            if (log != null && log.length() < 1000) {
                String line = CONTEXT_PREFIX.matcher(text).replaceFirst("");
                if (log.indexOf(line) < 0) {
                    log.append(log.isEmpty() ? "" : "; ").append(line);
                }
            }
        }
    }
}
