package dev.cairn.adapters.http.error;

import dev.cairn.core.port.RandomBytes;
import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Request correlation: takes the caller's {@code X-Session-Id} when it is safe to log and echo (1–128 characters of
 * {@code [A-Za-z0-9._:-]}), otherwise makes one, and echoes it in the response header. Also makes error ids.
 */
public final class SessionIds {
    public static final String HEADER = "X-Session-Id";

    /** Bounded and free of spaces, quotes and control characters, so it can go into a log line or a header as is. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final String ATTRIBUTE = "cairn.session_id";
    private static final HexFormat HEX = HexFormat.of();

    private final RandomBytes random;

    public SessionIds(RandomBytes random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A before-handler: settles the request's session id and echoes it. */
    public void assign(Context ctx) {
        ctx.header(HEADER, sessionId(ctx));
    }

    /** The request's session id, settled on first use. */
    public String sessionId(Context ctx) {
        String assigned = ctx.attribute(ATTRIBUTE);
        if (assigned != null) {
            return assigned;
        }
        String given = ctx.header(HEADER);
        String id = given != null && isValid(given) ? given : fresh();
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    /** A fresh random error id (128 bits, lowercase hex). */
    public String newErrorId() {
        return fresh();
    }

    public static boolean isValid(String sessionId) {
        return VALID.matcher(sessionId).matches();
    }

    private String fresh() {
        return HEX.formatHex(random.bytes(16));
    }
}
