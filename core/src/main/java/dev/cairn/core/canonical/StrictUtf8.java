package dev.cairn.core.canonical;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes that must be UTF-8 decoded without repair: malformed input is refused, never replaced with U+FFFD, so that two
 * different byte strings never become one text (metadata, form fields, signed fields, CRDT elements).
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** The text of {@code bytes}, or empty if they are not well-formed UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
