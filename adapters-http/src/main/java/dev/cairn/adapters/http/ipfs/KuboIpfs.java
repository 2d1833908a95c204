package dev.cairn.adapters.http.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link Ipfs} over Kubo's RPC API ({@code /api/v0}, every call a POST) with the JDK {@link java.net.http.HttpClient}.
 *
 * <ul>
 *   <li>{@link #addAndPin}: {@code /api/v0/add} with {@link #ADD_QUERY}, the blob streamed as {@code
 *       multipart/form-data} (never held in memory); the answer's line for the file gives the CID.
 *   <li>{@link #pin}: {@code /api/v0/pin/add?arg=<cid>&progress=true}; Kubo fetches missing blocks from the IPFS
 *       network and reports how many it has every half second.
 *   <li>{@link #identity}: {@code /api/v0/id}, the daemon's peer id and addresses.
 * </ul>
 *
 * <p><b>Time.</b> A call has no fixed length (adding or pinning a large blob takes as long as it takes), so it is
 * bounded by silence: it fails once Kubo has, for {@link Settings#timeout()}, taken no upload byte, not answered,
 * sent nothing, or (pinning) fetched no block.
 *
 * <p><b>Failures</b> are {@link IOException}s naming the endpoint and the cause: Kubo's own {@code Message} for an
 * answer other than 200 (its body is {@code {"Message","Code","Type":"error"}}), the silence for a timeout, the
 * refused connection for a daemon that is down. Each line of an answer is at most {@link #MAX_LINE_BYTES}, and a whole
 * answer of add or id at most that as well. Calls are counted in {@code ipfs_requests_total} tagged {@code endpoint}
 * ({@code add}, {@code pin/add}, {@code id}) and {@code outcome} ({@code ok}, {@code kubo_error}, {@code timeout},
 * {@code unreachable}, {@code bad_answer}, and {@code read_error} when the caller's blob stream failed).
 */
public final class KuboIpfs implements Ipfs, AutoCloseable {
    /**
     * The import parameters of every add, all explicit so that every node computes the same CID for the same blob
     * whatever its daemon's {@code Import.*} configuration or version defaults: CIDv1, raw leaves, fixed 256 KiB
     * chunks, SHA2-256 (Kubo's default, made explicit because {@code Import.HashFunction} can change it), a balanced
     * DAG of at most 174 links per node (Kubo's default, {@code Import.UnixFSFileMaxLinks}; a Kubo older than the
     * option ignores it and uses 174), no inlining. {@code pin=true} pins in the same call; {@code quieter} only
     * shapes the CLI's output, the RPC still answers one JSON line per added file.
     */
    public static final String ADD_QUERY = "cid-version=1&raw-leaves=true&chunker=size-262144&hash=sha2-256"
            + "&trickle=false&max-file-links=174&inline=false&pin=true&quieter=true";

    /** The longest line of an answer, and the longest whole answer of add and id. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private static final String ADD = "add";
    private static final String PIN = "pin/add";
    private static final String ID = "id";

    /**
     * @param connectTimeout {@code IPFS_CONNECT_TIMEOUT_SEC}: TCP connection set-up to the daemon
     * @param timeout {@code IPFS_TIMEOUT_SEC}: the longest silence of the daemon in a call (see the class comment)
     */
    public record Settings(Duration connectTimeout, Duration timeout) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(60));

        public Settings {
            requireInRange("IPFS_CONNECT_TIMEOUT_SEC", connectTimeout);
            requireInRange("IPFS_TIMEOUT_SEC", timeout);
        }

        private static void requireInRange(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be in (0 s, 3600 s], got " + d);
            }
        }
    }

    private final KuboRpc rpc;

    /**
     * @param apiUrl {@code IPFS_API_URL}: Kubo's RPC API, e.g. {@code http://127.0.0.1:5001} (a path prefix, as behind
     *     a reverse proxy, is kept)
     */
    public KuboIpfs(URI apiUrl, Settings settings, MeterRegistry registry) {
        this.rpc = new KuboRpc(apiUrl, settings, registry);
    }

    /**
     * Adds the blob with {@link #ADD_QUERY} as one file named after {@code content}'s hex, and returns the CID Kubo
     * computed for it. {@code ciphertext} is read to its end and not closed.
     */
    @Override
    public Cid addAndPin(ContentId content, InputStream ciphertext) throws IOException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(ciphertext, "ciphertext");
        String name = content.hex();
        return rpc.call(
                ADD,
                ADD_QUERY,
                new MultipartUpload(name, ciphertext),
                "sent nothing",
                (lines, silence) -> addedCid(lines, silence, name));
    }

    /** Pins {@code cid} recursively; Kubo fetches what it lacks from the IPFS network. */
    @Override
    public void pin(Cid cid) throws IOException {
        Objects.requireNonNull(cid, "cid");
        String query = "arg=" + URLEncoder.encode(cid.value(), StandardCharsets.UTF_8) + "&progress=true";
        rpc.call(PIN, query, null, "fetched no block", (lines, silence) -> pinned(lines, silence, cid));
    }

    @Override
    public Identity identity() throws IOException {
        return rpc.call(ID, null, null, "sent nothing", this::identityOf);
    }

    /** Stops the HTTP client, abandoning calls in flight; for the node's shutdown. */
    @Override
    public void close() {
        rpc.close();
    }

    /**
     * The CID of the file named {@code name}: Kubo answers one object per added file ({@code Name}, {@code Hash},
     * {@code Size}), and, with progress on, objects with only {@code Name} and {@code Bytes}.
     */
    private Cid addedCid(JsonLines lines, SilenceWatchdog silence, String name) throws IOException {
        String hash = null;
        for (JsonNode line; (line = lines.next()) != null; ) {
            silence.heard();
            if (lines.total() > MAX_LINE_BYTES) {
                throw new KuboFailure(
                        KuboFailure.BAD_ANSWER,
                        "Kubo's answer to " + KuboRpc.path(ADD) + " is longer than " + MAX_LINE_BYTES
                                + " bytes; refused");
            }
            String lineHash = line.path("Hash").asText("");
            if (!lineHash.isEmpty() && name.equals(line.path("Name").asText())) {
                hash = lineHash;
            }
        }
        if (hash == null) {
            throw rpc.endedWithoutResult(ADD);
        }
        try {
            return new Cid(hash);
        } catch (IllegalArgumentException e) {
            throw new KuboFailure(
                    KuboFailure.BAD_ANSWER,
                    "Kubo answered " + KuboRpc.path(ADD) + " with " + JsonLines.quote(hash)
                            + ", not a CIDv1 in base32; is the daemon ignoring cid-version=1?",
                    e);
        }
    }

    /** Reads the progress objects ({@code Progress}: blocks so far) until the final one with {@code Pins}. */
    private Void pinned(JsonLines lines, SilenceWatchdog silence, Cid cid) throws IOException {
        long blocks = 0;
        for (JsonNode line; (line = lines.next()) != null; ) {
            if (line.has("Pins")) {
                silence.heard();
                for (JsonNode pin : line.path("Pins")) {
                    if (cid.value().equals(pin.asText())) {
                        return null;
                    }
                }
                throw new KuboFailure(
                        KuboFailure.BAD_ANSWER,
                        "Kubo answered " + KuboRpc.path(PIN) + " for " + cid + " with pins "
                                + JsonLines.quote(line.path("Pins").toString()));
            }
            long progress = line.path("Progress").asLong(0);
            if (progress > blocks) {
                // Only new blocks count as progress: Kubo repeats the same count while it finds no provider.
                blocks = progress;
                silence.heard();
            }
        }
        throw rpc.endedWithoutResult(PIN);
    }

    private Identity identityOf(JsonLines lines, SilenceWatchdog silence) throws IOException {
        JsonNode id = lines.next();
        if (id == null || lines.total() > MAX_LINE_BYTES) {
            throw new KuboFailure(
                    KuboFailure.BAD_ANSWER,
                    "Kubo's answer to " + KuboRpc.path(ID) + " is empty or longer than " + MAX_LINE_BYTES + " bytes");
        }
        String peerId = id.path("ID").asText("");
        if (peerId.isBlank()) {
            throw new KuboFailure(
                    KuboFailure.BAD_ANSWER,
                    "Kubo's answer to " + KuboRpc.path(ID) + " has no ID: " + JsonLines.quote(id.toString()));
        }
        // Kubo sends "Addresses": null when the daemon listens nowhere.
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : id.path("Addresses")) {
            if (address.isTextual()) {
                addresses.add(address.asText());
            }
        }
        return new Identity(peerId, addresses);
    }
}
