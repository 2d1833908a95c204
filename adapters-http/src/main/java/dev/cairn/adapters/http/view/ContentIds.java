package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.id.ContentId;

/** The {@code content_id} path parameter of the view routes. */
public final class ContentIds {
    private ContentIds() {}

    /** {@code text} as a ContentId: 64 lowercase hex digits, else {@code 400 malformed_content_id}. */
    public static ContentId parse(String text) {
        try {
            return ContentId.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed_content_id", "a content id is 64 lowercase hex digits");
        }
    }

    public static ApiException notFound(ContentId id) {
        return new ApiException(404, "content_not_found", "no content " + id.hex() + " on this node");
    }
}
