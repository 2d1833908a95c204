/**
 * What is derived from a content and the port that derives it: the {@link dev.cairn.core.conversion.DerivationPolicy}
 * turns a content's kind and what probing found in it ({@link dev.cairn.core.conversion.SourceMedia}) into a {@link
 * dev.cairn.core.conversion.ConversionPlan} of {@link dev.cairn.core.conversion.Rendition}s; a {@link
 * dev.cairn.core.conversion.Transcoder} (JavaCV in {@code adapters-ffmpeg}) produces each from the decrypted original.
 */
package dev.cairn.core.conversion;
