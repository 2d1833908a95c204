/**
 * Resumable uploads: sessions (the tus protocol's state), the ports that keep them, and the use case that turns a
 * finished upload into stored, encrypted content.
 */
package dev.cairn.core.upload;
