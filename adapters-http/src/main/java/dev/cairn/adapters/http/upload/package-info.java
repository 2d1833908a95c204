/**
 * Uploads over HTTP: the tus 1.0.0 server ({@link dev.cairn.adapters.http.upload.TusRoutes}), with core's upload
 * refusals mapped to statuses in one place ({@link dev.cairn.adapters.http.upload.UploadErrors}).
 */
package dev.cairn.adapters.http.upload;
