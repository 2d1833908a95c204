package dev.cairn.core.content;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells audio, video, images and everything else apart by the magic numbers at the start of the plaintext, never by
 * a file name. The declared type (what the uploader says) only breaks ties the bytes cannot: an Ogg or generic MP4
 * container may hold sound alone or pictures too, and telling which would mean parsing the container; that is left
 * to the conversion step, which probes with FFmpeg anyway.
 *
 * <ul>
 *   <li>audio: {@code ID3} tag or an MPEG audio frame sync (MP3, and ADTS AAC), {@code fLaC}, {@code RIFF….WAVE},
 *       {@code OggS} (unless its first stream is Theora or the declared type is {@code video/…}), ISO media whose
 *       brand is an audio one ({@code M4A }, {@code M4B }, …)
 *   <li>video: EBML (WebM, Matroska), {@code RIFF….AVI }, ISO media with a video or generic brand ({@code isom},
 *       {@code mp42}, {@code qt  }, …; generic brands count as audio when the declared type is {@code audio/…})
 *   <li>image: PNG, JPEG, GIF, {@code RIFF….WEBP}, ISO media with an image brand (AVIF, HEIF)
 *   <li>binary: anything else
 * </ul>
 */
public final class ContentProbe {
    /** How many leading plaintext bytes are enough to probe: every signature here lies in the first few dozen. */
    public static final int HEAD_LENGTH = 4096;

    private static final ProbedType BINARY = new ProbedType(ContentKind.BINARY, "application/octet-stream");

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] EBML = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3};
    private static final byte[] THEORA = {(byte) 0x80, 't', 'h', 'e', 'o', 'r', 'a'};

    private static final Set<String> AUDIO_BRANDS = Set.of("M4A ", "M4B ", "M4P ", "F4A ", "F4B ");
    private static final Set<String> IMAGE_BRANDS =
            Set.of("avif", "avis", "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");

    private ContentProbe() {}

    /**
     * The kind and media type of a content whose plaintext starts with {@code head} (any length; {@link #HEAD_LENGTH}
     * bytes are plenty).
     *
     * @param declaredType the media type the uploader declared, if any; consulted only for ambiguous containers
     */
    public static ProbedType probe(byte[] head, Optional<String> declaredType) {
        String declared = declaredType.map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
        if (startsWith(head, 0, PNG)) {
            return new ProbedType(ContentKind.IMAGE, "image/png");
        }
        if (startsWith(head, 0, JPEG)) {
            return new ProbedType(ContentKind.IMAGE, "image/jpeg");
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return new ProbedType(ContentKind.IMAGE, "image/gif");
        }
        if (ascii(head, 0, "RIFF")) {
            return riff(head);
        }
        if (ascii(head, 0, "fLaC")) {
            return new ProbedType(ContentKind.AUDIO, "audio/flac");
        }
        if (ascii(head, 0, "ID3")) {
            return new ProbedType(ContentKind.AUDIO, "audio/mpeg");
        }
        if (ascii(head, 0, "OggS")) {
            return ogg(head, declared);
        }
        if (ascii(head, 4, "ftyp")) {
            return isoMedia(head, declared);
        }
        if (startsWith(head, 0, EBML)) {
            return matroska(head);
        }
        return mpegAudio(head);
    }

    private static ProbedType riff(byte[] head) {
        if (ascii(head, 8, "WAVE")) {
            return new ProbedType(ContentKind.AUDIO, "audio/wav");
        }
        if (ascii(head, 8, "WEBP")) {
            return new ProbedType(ContentKind.IMAGE, "image/webp");
        }
        if (ascii(head, 8, "AVI ")) {
            return new ProbedType(ContentKind.VIDEO, "video/x-msvideo");
        }
        return BINARY;
    }

    /** The first page's first packet names its codec; a Theora stream comes first in an Ogg video by the spec. */
    private static ProbedType ogg(byte[] head, String declared) {
        int segments = head.length > 26 ? head[26] & 0xff : 0;
        if (startsWith(head, 27 + segments, THEORA) || declared.startsWith("video/")) {
            return new ProbedType(ContentKind.VIDEO, "video/ogg");
        }
        return new ProbedType(ContentKind.AUDIO, "audio/ogg");
    }

    /** ISO base media (MP4, M4A, QuickTime, 3GP, HEIF): the {@code ftyp} box's major, then compatible, brands. */
    private static ProbedType isoMedia(byte[] head, String declared) {
        String major = brand(head, 8);
        int boxEnd = Math.min(head.length, (int) Math.min(Integer.MAX_VALUE, readUint32(head, 0)));
        boolean audioCompatible = false;
        for (int at = 16; at + 4 <= boxEnd; at += 4) {
            audioCompatible |= AUDIO_BRANDS.contains(brand(head, at));
        }
        if (AUDIO_BRANDS.contains(major)) {
            return new ProbedType(ContentKind.AUDIO, "audio/mp4");
        }
        if (IMAGE_BRANDS.contains(major)) {
            return new ProbedType(ContentKind.IMAGE, major.startsWith("avi") ? "image/avif" : "image/heic");
        }
        if (major.equals("qt  ")) {
            return new ProbedType(ContentKind.VIDEO, "video/quicktime");
        }
        if (major.startsWith("3g")) {
            return new ProbedType(ContentKind.VIDEO, "video/3gpp");
        }
        if (audioCompatible || declared.startsWith("audio/")) {
            return new ProbedType(ContentKind.AUDIO, "audio/mp4");
        }
        return new ProbedType(ContentKind.VIDEO, "video/mp4");
    }

    /** EBML header: the DocType element (id {@code 0x4282}) says {@code webm} or {@code matroska}. */
    private static ProbedType matroska(byte[] head) {
        int limit = Math.min(head.length - 3, 64);
        for (int i = EBML.length; i < limit; i++) {
            if (head[i] == 0x42 && head[i + 1] == (byte) 0x82 && (head[i + 2] & 0xff) > 0x80) {
                int length = (head[i + 2] & 0x7f);
                if (ascii(head, i + 3, "webm") && length == 4) {
                    return new ProbedType(ContentKind.VIDEO, "video/webm");
                }
                break;
            }
        }
        return new ProbedType(ContentKind.VIDEO, "video/x-matroska");
    }

    /**
     * An MPEG audio frame header: 11 sync bits, then version, layer, bitrate and sample-rate fields that are not the
     * reserved values (which rules out most binary that merely starts with {@code 0xFFE}). Layer 0 with a 12-bit sync
     * is an ADTS frame: raw AAC.
     */
    private static ProbedType mpegAudio(byte[] head) {
        if (head.length < 4 || (head[0] & 0xff) != 0xff || (head[1] & 0xe0) != 0xe0) {
            return BINARY;
        }
        int version = (head[1] >> 3) & 3;
        int layer = (head[1] >> 1) & 3;
        if (layer == 0) {
            boolean adts = (head[1] & 0xf6) == 0xf0 && ((head[2] >> 2) & 0xf) < 13;
            return adts ? new ProbedType(ContentKind.AUDIO, "audio/aac") : BINARY;
        }
        int bitrate = (head[2] >> 4) & 0xf;
        int sampleRate = (head[2] >> 2) & 3;
        if (version == 1 || bitrate == 0xf || sampleRate == 3) {
            return BINARY;
        }
        return new ProbedType(ContentKind.AUDIO, "audio/mpeg");
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return offset >= 0
                && bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        return startsWith(bytes, offset, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String brand(byte[] bytes, int offset) {
        return bytes.length >= offset + 4 ? new String(bytes, offset, 4, StandardCharsets.ISO_8859_1) : "";
    }

    private static long readUint32(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }
}
