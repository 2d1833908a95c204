package dev.cairn.app.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each event as one line: by default one JSON object ({@code format} {@code json}), or, with {@code format}
 * {@code text}, the {@code pattern} for people reading a terminal.
 *
 * <p>JSON members: {@code timestamp} (ISO-8601 UTC), {@code level}, {@code logger}, {@code thread}, {@code message},
 * then every MDC entry (such as {@code session_id}, {@code error_id}) and every SLF4J key-value pair as a top-level
 * member, and {@code exception} (the stack trace as one string) if there is one. An MDC or key-value key that repeats
 * a member already written gets the prefix {@code mdc.} or {@code kv.}, so no line ever has a duplicate key.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NOTHING = new byte[0];

    private String format = "json";
    // MDC and key-value pairs follow the message; %replace drops the trailing blanks when there are none.
    private String pattern =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{36} - %msg%replace( %mdc %kvp){'\\s+$', ''}%n";
    private PatternLayoutEncoder text;

    /** {@code json} or {@code text}, any case; anything else is reported through logback's status and means json. */
    public void setFormat(String format) {
        this.format = format == null ? "json" : format.strip().toLowerCase(Locale.ROOT);
    }

    /** The layout pattern of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equals("text")) {
            text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            text.start();
        } else if (!format.equals("json")) {
            addWarn("unknown log format '" + format + "'; allowed: json, text. Writing json.");
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (text != null) {
            return text.encode(event);
        }
        return json(event).getBytes(StandardCharsets.UTF_8);
    }

    static String json(ILoggingEvent event) {
        var line = new JsonLine()
                .string("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString())
                .string("level", event.getLevel().toString())
                .string("logger", event.getLoggerName())
                .string("thread", event.getThreadName())
                .string("message", event.getFormattedMessage());
        Set<String> written = new HashSet<>(Set.of("timestamp", "level", "logger", "thread", "message", "exception"));
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> line.string(unique("mdc.", e.getKey(), written), e.getValue()));
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                line.value(unique("kv.", pair.key, written), pair.value);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.string("exception", ThrowableProxyUtil.asString(thrown));
        }
        return line.end();
    }

    private static String unique(String prefix, String key, Set<String> written) {
        String name = written.add(key) ? key : prefix + key;
        while (!name.equals(key) && !written.add(name)) {
            name = prefix + name;
        }
        return name;
    }
}
