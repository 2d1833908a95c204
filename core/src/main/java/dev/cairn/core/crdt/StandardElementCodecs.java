package dev.cairn.core.crdt;

import dev.cairn.core.canonical.StrictUtf8;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The ready-made element codecs behind the factories of {@link ElementCodec}. */
final class StandardElementCodecs {
    static final ElementCodec<byte[]> BYTES = new Bytes();
    static final ElementCodec<String> UTF8 = new Utf8();
    static final ElementCodec<NodeId> NODE_ID = new NodeIds();

    private StandardElementCodecs() {}

    private static final class Bytes implements ElementCodec<byte[]> {
        @Override
        public byte[] encode(byte[] element) {
            return element.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "ElementCodec.bytes()";
        }
    }

    private static final class Utf8 implements ElementCodec<String> {
        // String.getBytes would silently replace an unpaired surrogate with '?', mapping two strings to one encoding.
        @Override
        public byte[] encode(String element) {
            try {
                ByteBuffer out = StandardCharsets.UTF_8
                        .newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(element));
                byte[] bytes = new byte[out.remaining()];
                out.get(bytes);
                return bytes;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("string is not well-formed UTF-16 (unpaired surrogate): " + e, e);
            }
        }

        @Override
        public String decode(byte[] bytes) {
            return StrictUtf8.decode(bytes)
                    .orElseThrow(() -> new IllegalArgumentException("not strict UTF-8: malformed input"));
        }

        @Override
        public String toString() {
            return "ElementCodec.utf8()";
        }
    }

    private static final class NodeIds implements ElementCodec<NodeId> {
        @Override
        public byte[] encode(NodeId element) {
            return element.value().toBytes();
        }

        @Override
        public NodeId decode(byte[] bytes) {
            if (bytes.length != Digest256.LENGTH) {
                throw new IllegalArgumentException("a node id has 32 bytes, got " + bytes.length);
            }
            return new NodeId(Digest256.of(bytes));
        }

        @Override
        public String toString() {
            return "ElementCodec.nodeId()";
        }
    }
}
