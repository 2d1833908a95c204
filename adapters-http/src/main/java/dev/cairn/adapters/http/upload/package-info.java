/**
 * Uploads over HTTP: the tus 1.0.0 server ({@link dev.cairn.adapters.http.upload.TusRoutes}), the hooks of a tusd run
 * in front of the node ({@link dev.cairn.adapters.http.upload.TusHookRoutes}) and the single-request upload ({@link
 * dev.cairn.adapters.http.upload.LegacyUploadRoutes}), all over core's {@code UploadService}, with core's upload
 * refusals mapped to statuses in one place ({@link dev.cairn.adapters.http.upload.UploadErrors}).
 */
package dev.cairn.adapters.http.upload;
