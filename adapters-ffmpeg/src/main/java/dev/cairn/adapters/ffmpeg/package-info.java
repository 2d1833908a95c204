/**
 * core's {@link dev.cairn.core.conversion.Transcoder} on JavaCV (FFmpeg 8.1 through JavaCPP, linux-x86_64 natives):
 * {@link dev.cairn.adapters.ffmpeg.JavaCvTranscoder}. See {@code docs/architecture.md}, "Conversion".
 */
package dev.cairn.adapters.ffmpeg;
