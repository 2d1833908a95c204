package dev.cairn.adapters.http.error;

/**
 * The one JSON shape of every error response: {@code {"code", "message", "error_id", "session_id"}}.
 *
 * @param code stable, lower snake case, for programs
 * @param message for people; never an exception's text or a stack trace on a 5xx
 * @param errorId fresh per error, also in the log line of that error, so a report can be matched to the log
 * @param sessionId the caller's {@code X-Session-Id} when valid, else one generated for this request
 */
public record ErrorBody(String code, String message, String errorId, String sessionId) {}
