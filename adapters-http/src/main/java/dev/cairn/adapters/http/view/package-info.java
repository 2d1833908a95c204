/**
 * The content view routes: {@code GET /api/v1/content.view/{content_id}} (what the caller may see and play of a
 * content, decided by core's {@link dev.cairn.core.content.view.DisplayPolicy}) and {@code GET /api/v1/media/...}
 * (renditions served decrypted, with Range, through signed URLs).
 */
package dev.cairn.adapters.http.view;
