/**
 * What a viewer may see of a content: the pure {@link dev.cairn.core.content.view.DisplayPolicy} (status, per-rendition
 * state, display options, license state, purchase options) and the signed URLs through which licensed renditions are
 * served ({@link dev.cairn.core.content.view.MediaSigner}).
 */
package dev.cairn.core.content.view;
