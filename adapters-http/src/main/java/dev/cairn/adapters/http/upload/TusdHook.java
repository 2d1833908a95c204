package dev.cairn.adapters.http.upload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON tusd v2 exchanges with an HTTP hook ({@code github.com/tus/tusd/v2/pkg/hooks.HookRequest} and {@code
 * HookResponse}): member names are tusd's (Go's field names), members a later tusd adds are ignored, and everything
 * tusd may leave out or send as {@code null} is nullable here.
 */
final class TusdHook {
    private TusdHook() {}

    /** What tusd POSTs: the hook's name ({@code pre-create}, {@code post-finish}, ...) and the event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Request(
            @JsonProperty("Type") String type,
            @JsonProperty("Event") Event event) {}

    /** The upload as tusd holds it, and the client's request that caused the hook. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(
            @JsonProperty("Upload") Upload upload,
            @JsonProperty("HTTPRequest") ClientRequest httpRequest) {}

    /**
     * tusd's {@code FileInfo}. {@code ID} is empty and {@code Storage} null in {@code pre-create}; {@code Size} is 0
     * while {@code SizeIsDeferred}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Upload(
            @JsonProperty("ID") String id,
            @JsonProperty("Size") Long size,
            @JsonProperty("SizeIsDeferred") Boolean sizeIsDeferred,
            @JsonProperty("Offset") Long offset,
            @JsonProperty("MetaData") Map<String, String> metaData,
            @JsonProperty("IsPartial") Boolean isPartial,
            @JsonProperty("IsFinal") Boolean isFinal,
            @JsonProperty("PartialUploads") List<String> partialUploads,
            @JsonProperty("Storage") Map<String, String> storage) {

        /** The declared length, unless deferred. */
        OptionalLong declaredSize() {
            return Boolean.TRUE.equals(sizeIsDeferred) || size == null ? OptionalLong.empty() : OptionalLong.of(size);
        }

        Map<String, String> metadata() {
            return metaData == null ? Map.of() : metaData;
        }

        boolean partial() {
            return Boolean.TRUE.equals(isPartial);
        }

        Optional<String> storageValue(String key) {
            return storage == null ? Optional.empty() : Optional.ofNullable(storage.get(key));
        }
    }

    /** The client's request to tusd; header names are canonicalised by Go ({@code Authorization}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClientRequest(
            @JsonProperty("Method") String method,
            @JsonProperty("URI") String uri,
            @JsonProperty("RemoteAddr") String remoteAddr,
            @JsonProperty("Header") Map<String, List<String>> header) {

        /** The first value of a header, its name matched case-insensitively. */
        Optional<String> firstValue(String name) {
            if (header == null) {
                return Optional.empty();
            }
            return header.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && e.getValue() != null)
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /** The answer tusd reads back; members left out (null) change nothing. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Response(
            @JsonProperty("HTTPResponse") ClientResponse httpResponse,
            @JsonProperty("RejectUpload") Boolean rejectUpload) {
        /** Nothing to change: tusd goes on as it would without the hook. */
        static final Response NONE = new Response(null, null);

        static Response reject(ClientResponse response) {
            return new Response(response, true);
        }

        static Response withHeader(String name, String value) {
            return new Response(new ClientResponse(null, null, Map.of(name, value)), null);
        }
    }

    /** What tusd merges into its answer to the client: a status, a body, headers (one value each). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ClientResponse(
            @JsonProperty("StatusCode") Integer statusCode,
            @JsonProperty("Body") String body,
            @JsonProperty("Header") Map<String, String> header) {}
}
