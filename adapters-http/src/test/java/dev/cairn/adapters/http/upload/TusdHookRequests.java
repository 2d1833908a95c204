package dev.cairn.adapters.http.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hook request bodies as tusd v2 sends them: Go's {@code json.Marshal} of {@code hooks.HookRequest}, so every member of
 * {@code FileInfo} is present in field order ({@code PartialUploads} and, before the upload exists, {@code Storage} as
 * {@code null}), header names are canonical and each header is a list of values. From tusd's documented format
 * ({@code docs/_advanced-topics/hooks.md}, {@code pkg/hooks/http/openapi/hook.yaml}).
 */
final class TusdHookRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TusdHookRequests() {}

    /** {@code pre-create}: the client's POST to tusd; no ID and no storage yet. */
    static String preCreate(long size, Map<String, String> metadata, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        headers.put("Content-Length", List.of("0"));
        headers.put("Tus-Resumable", List.of("1.0.0"));
        headers.put("Upload-Length", List.of(Long.toString(size)));
        headers.put("X-Session-Id", List.of("client-session-1"));
        return request("pre-create", "", size, 0, metadata, null, "POST", "/files/", headers);
    }

    /** {@code post-finish} (or {@code pre-finish}): the client's last PATCH, the file in tusd's filestore. */
    static String finish(String type, String id, long size, Map<String, String> metadata, String path, String auth) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (auth != null) {
            headers.put("Authorization", List.of(auth));
        }
        headers.put("Content-Type", List.of("application/offset+octet-stream"));
        headers.put("Tus-Resumable", List.of("1.0.0"));
        headers.put("Upload-Offset", List.of("0"));
        Map<String, String> storage = new LinkedHashMap<>();
        storage.put("InfoPath", path + ".info");
        storage.put("Path", path);
        storage.put("Type", "filestore");
        return request(type, id, size, size, metadata, storage, "PATCH", "/files/" + id, headers);
    }

    static String request(
            String type,
            String id,
            long size,
            long offset,
            Map<String, String> metadata,
            Map<String, String> storage,
            String method,
            String uri,
            Map<String, List<String>> headers) {
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("ID", id);
        upload.put("Size", size);
        upload.put("SizeIsDeferred", false);
        upload.put("Offset", offset);
        upload.put("MetaData", metadata);
        upload.put("IsPartial", false);
        upload.put("IsFinal", false);
        upload.put("PartialUploads", null);
        upload.put("Storage", storage);
        Map<String, Object> httpRequest = new LinkedHashMap<>();
        httpRequest.put("Method", method);
        httpRequest.put("URI", uri);
        httpRequest.put("RemoteAddr", "127.0.0.1:51234");
        httpRequest.put("Header", headers);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Upload", upload);
        event.put("HTTPRequest", httpRequest);
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("Type", type);
        hook.put("Event", event);
        try {
            return JSON.writeValueAsString(hook);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
