package dev.cairn.adapters.http.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Kubo's streamed answers: one JSON object per line (Go's {@code json.Encoder}), read one at a time with a bound on
 * each, so neither a long stream nor a runaway line is held in memory. An object of {@code "Type":"error"} is Kubo
 * reporting a failure inside the stream and becomes a {@link KuboFailure}.
 */
final class JsonLines {
    private static final int MAX_QUOTED = 300;

    private final InputStream in;
    private final int maxLineBytes;
    private final ObjectMapper json;
    private final String endpoint;
    private long total;

    JsonLines(InputStream in, int maxLineBytes, ObjectMapper json, String endpoint) {
        this.in = new BufferedInputStream(in);
        this.maxLineBytes = maxLineBytes;
        this.json = json;
        this.endpoint = endpoint;
    }

    /** The next object, or null at the end of the stream; blank lines are skipped. */
    JsonNode next() throws IOException {
        while (true) {
            byte[] line = readLine();
            if (line == null) {
                return null;
            }
            String text = new String(line, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (IOException e) {
                throw new KuboFailure(
                        KuboFailure.BAD_ANSWER,
                        "Kubo answered " + endpoint + " with a line that is not JSON: " + quote(text));
            }
            if (node == null || !node.isObject()) {
                throw new KuboFailure(
                        KuboFailure.BAD_ANSWER,
                        "Kubo answered " + endpoint + " with a line that is not a JSON object: " + quote(text));
            }
            if ("error".equals(node.path("Type").asText())) {
                throw new KuboFailure(
                        KuboFailure.KUBO_ERROR,
                        "Kubo reported an error on " + endpoint + " while answering: "
                                + quote(node.path("Message").asText()));
            }
            return node;
        }
    }

    /** Bytes of the answer read so far. */
    long total() {
        return total;
    }

    private byte[] readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            total++;
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() == maxLineBytes) {
                throw new KuboFailure(
                        KuboFailure.BAD_ANSWER,
                        "Kubo answered " + endpoint + " with a line longer than " + maxLineBytes + " bytes; refused");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** Kubo's own text, shortened and with control characters replaced, for an exception message. */
    static String quote(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() <= MAX_QUOTED ? clean : clean.substring(0, MAX_QUOTED - 3) + "...") + "'";
    }
}
