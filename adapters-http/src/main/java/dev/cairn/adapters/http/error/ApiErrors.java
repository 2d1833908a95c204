package dev.cairn.adapters.http.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.cairn.core.canonical.MalformedJsonException;
import dev.cairn.core.membership.HandshakeRejectedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one place where failures become HTTP responses: every exception a route lets escape, and Javalin's own 404, 405
 * and 413, become {@link ErrorBody} with a status, and one log line carrying the same {@code error_id}.
 *
 * <p>4xx messages tell the caller what was wrong with its request; a 5xx says only that something failed and which
 * {@code error_id} to quote, while the log line gets the exception and its stack trace.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String INTERNAL_MESSAGE = "internal error; quote the error_id when reporting it";

    private final SessionIds sessions;

    public ApiErrors(SessionIds sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Installs the exception handlers; later registrations for the same types would override them, so none do. */
    public void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e, e.getCause()));
        routes.exception(HandshakeRejectedException.class, (e, ctx) -> respond(ctx, HandshakeRejections.toApi(e), e));
        routes.exception(MalformedJsonException.class, (e, ctx) -> respond(ctx, malformedJson(e), null));
        routes.exception(JacksonException.class, (e, ctx) -> respond(ctx, fromJackson(e), null));
        routes.exception(ValidationException.class, (e, ctx) -> respond(ctx, invalidParameter(e), null));
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromJavalin(e, ctx), null));
        routes.exception(Exception.class, (e, ctx) -> respond(ctx, internal(), e));
    }

    private void respond(Context ctx, ApiException error, Throwable cause) {
        String errorId = sessions.newErrorId();
        String sessionId = sessions.sessionId(ctx);
        boolean serverSide = error.status() >= 500;
        var event = LOG.atLevel(serverSide ? Level.ERROR : Level.INFO)
                .addKeyValue("error_id", errorId)
                .addKeyValue("session_id", sessionId)
                .addKeyValue("status", error.status())
                .addKeyValue("code", error.code())
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path());
        if (serverSide && cause != null) {
            event = event.setCause(cause);
        }
        event.log("request refused: {}", serverSide && cause != null ? String.valueOf(cause) : error.getMessage());
        ctx.header(SessionIds.HEADER, sessionId);
        ctx.status(error.status()).json(new ErrorBody(error.code(), error.getMessage(), errorId, sessionId));
    }

    private static ApiException internal() {
        return new ApiException(500, "internal_error", INTERNAL_MESSAGE);
    }

    private static ApiException malformedJson(MalformedJsonException e) {
        return new ApiException(400, "malformed_json", "malformed JSON: " + e.getMessage());
    }

    private static ApiException invalidParameter(ValidationException e) {
        String reasons = e.getErrors().entrySet().stream()
                .map(entry -> entry.getKey() + ": "
                        + entry.getValue().stream()
                                .map(v -> v.getMessage() + " (value " + quote(v.value) + ")")
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return new ApiException(400, "invalid_parameter", "invalid parameter: " + reasons);
    }

    private static ApiException fromJackson(JacksonException e) {
        if (e instanceof StreamReadException) {
            return new ApiException(400, "malformed_json", "malformed JSON: " + e.getOriginalMessage());
        }
        String at = e instanceof DatabindException d ? path(d) : "";
        return switch (e) {
            case UnrecognizedPropertyException u ->
                new ApiException(400, "unknown_field", "unknown field '" + u.getPropertyName() + "'" + at);
            case InvalidFormatException f ->
                new ApiException(
                        400,
                        "invalid_value",
                        "invalid value " + quote(f.getValue()) + at + ": " + targetName(f.getTargetType()));
            case MismatchedInputException m ->
                new ApiException(
                        400, "invalid_type", "wrong type or missing value" + at + ": " + targetName(m.getTargetType()));
            case ValueInstantiationException v
            when v.getCause() instanceof IllegalArgumentException bad ->
                // Our records validate in their constructors and name the bad value: that message is for the caller.
                new ApiException(400, "invalid_value", "invalid value" + at + ": " + bad.getMessage());
            default -> new ApiException(400, "invalid_body", "the body does not match the expected shape" + at);
        };
    }

    private static ApiException fromJavalin(HttpResponseException e, Context ctx) {
        String route = ctx.method().name() + " " + ctx.path();
        return switch (e.getStatus()) {
            case 404 -> new ApiException(404, "not_found", "no route " + route);
            case 405 -> new ApiException(405, "method_not_allowed", "method not allowed: " + route);
            case 413 -> new ApiException(413, "body_too_large", "request body larger than this route accepts");
            case 400 -> new ApiException(400, "bad_request", e.getMessage());
            default ->
                e.getStatus() >= 400 && e.getStatus() <= 599
                        ? new ApiException(e.getStatus(), "http_" + e.getStatus(), e.getMessage())
                        : internal();
        };
    }

    private static String path(DatabindException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        var sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return " at '" + sb + "'";
    }

    private static String targetName(Class<?> type) {
        if (type == null) {
            return "unexpected value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "expected one of " + java.util.Arrays.toString(constants);
        }
        return "expected " + type.getSimpleName();
    }

    private static String quote(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }
}
