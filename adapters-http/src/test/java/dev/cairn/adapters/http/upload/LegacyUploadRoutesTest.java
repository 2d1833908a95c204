package dev.cairn.adapters.http.upload;

import static dev.cairn.adapters.http.upload.TusServer.ADA;
import static dev.cairn.adapters.http.upload.TusServer.tma;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.overlay.Eventually;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.UploadConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-request upload over real HTTP on loopback, raw and as a form, with the pipeline on disk behind it. */
class LegacyUploadRoutesTest {
    private static final UploadConfig ONE_MIB = new UploadConfig(1, Duration.ofHours(1), 8);
    private static final int LIMIT = (int) ONE_MIB.maxContentBytes();
    private static final String BOUNDARY = "----cairnBoundary7MA4YWxkTrZu0gW";

    @TempDir
    Path dataDir;

    private TusServer node;
    private TestHttp http;

    @BeforeEach
    void start() throws IOException {
        node = new TusServer(
                dataDir, ONE_MIB, s -> List.of(new LegacyUploadRoutes(s.uploads, s.authentication(), s.contents)));
        http = new TestHttp(node.port());
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    @Test
    void aRawBodyWithItsLengthBecomesAContentNamedByTheQuery() {
        byte[] bytes = bytes(200_000, 1);

        var response = http.send(post("?filename=song.mp3&title=My%20Song")
                .header("Content-Type", "audio/mpeg")
                .POST(BodyPublishers.ofByteArray(bytes))
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = TestHttp.json(response);
        ContentId id = ContentId.fromHex(body.get("content_id").asText());
        assertThat(node.plaintext(id)).isEqualTo(bytes);
        assertThat(body.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(body.get("kind").asText()).isEqualTo("binary");
        assertThat(body.get("mime_type").asText()).isEqualTo("application/octet-stream");
        assertThat(body.get("title").asText()).isEqualTo("My Song");
        assertThat(body.get("file_name").asText()).isEqualTo("song.mp3");
        ContentRecord content = node.contents.find(id).orElseThrow();
        assertThat(content.ownerId()).isEqualTo(ADA);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aChunkedRawBodyIsStreamedWithItsLengthGivenAtItsEnd() {
        byte[] bytes = bytes(300_000, 2);

        var response = http.send(post("").header("Content-Disposition", "attachment; filename=\"take 1.wav\"")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = TestHttp.json(response);
        assertThat(node.plaintext(ContentId.fromHex(body.get("content_id").asText())))
                .isEqualTo(bytes);
        assertThat(body.get("title").asText()).isEqualTo("take 1.wav");
    }

    @Test
    void aFormStoresItsFilePartWithTheTitleFieldBeforeIt() {
        byte[] bytes = MultipartReaderTest.nearBoundaryBytes(250_000, 3);
        byte[] form = form(
                field("title", "Ünïcode title"),
                field("comment", "ignored"),
                filePart("C:\\Music\\song.mp3", "audio/mpeg", bytes),
                field("after", "never read"));

        var response = http.send(postForm(form));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = TestHttp.json(response);
        ContentId id = ContentId.fromHex(body.get("content_id").asText());
        assertThat(node.plaintext(id)).isEqualTo(bytes);
        assertThat(body.get("title").asText()).isEqualTo("Ünïcode title");
        assertThat(body.get("file_name").asText()).isEqualTo("song.mp3");
        assertThat(body.get("size").asLong()).isEqualTo(bytes.length);
    }

    @Test
    void exactlyTheLimitIsStored() {
        var raw = http.send(
                post("").POST(BodyPublishers.ofByteArray(bytes(LIMIT, 4))).build());
        var asForm = http.send(postForm(form(filePart("a.bin", null, bytes(LIMIT, 5)))));

        assertThat(raw.statusCode()).isEqualTo(201);
        assertThat(asForm.statusCode()).isEqualTo(201);
        assertThat(contents()).hasSize(2);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnyByteIsRead() throws IOException {
        // Only the head is sent: the answer cannot wait for the body.
        String answer = exchange(head("Content-Length: " + (LIMIT + 1)), new byte[0]);

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("\"code\":\"upload_too_large\"").contains("MAX_CONTENT_SIZE_MB=1");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AtItsFirstByteTooManyAndItsUploadIsRemoved() throws IOException {
        var chunks = new ByteArrayOutputStream();
        byte[] bytes = bytes(LIMIT + 1, 6);
        for (int at = 0; at < bytes.length; at += 65_536) {
            int n = Math.min(65_536, bytes.length - at);
            chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(US_ASCII));
            chunks.write(bytes, at, n);
            chunks.writeBytes("\r\n".getBytes(US_ASCII));
        }
        // No last chunk: the server must answer after limit + 1 bytes, without waiting for the end.
        String answer = exchange(head("Transfer-Encoding: chunked"), chunks.toByteArray());

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("\"code\":\"upload_too_large\"");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFormWhoseFileIsOverTheLimitIs413AndItsUploadIsRemoved() {
        var response = http.send(postForm(form(field("title", "big"), filePart("big.bin", null, bytes(LIMIT + 1, 7)))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("upload_too_large");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFormWithoutAFilePartIs400() {
        var response = http.send(postForm(form(field("title", "no file"))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("multipart_file_missing");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFormCutShortBeforeItsClosingBoundaryIs400AndItsUploadIsRemoved() {
        byte[] whole = form(filePart("a.bin", null, bytes(10_000, 8)));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 60);

        var response = http.send(postForm(cut));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("multipart_malformed");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anotherMultipartTypeIs415() {
        var response = http.send(post("").header("Content-Type", "multipart/mixed; boundary=" + BOUNDARY)
                .POST(BodyPublishers.ofByteArray(form(filePart("a.bin", null, new byte[1]))))
                .build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(contents()).isEmpty();
    }

    @Test
    void withoutCredentialsItIs401AndNothingIsStored() {
        var response = http.send(HttpRequest.newBuilder(http.uri(LegacyUploadRoutes.PATH))
                .POST(BodyPublishers.ofByteArray(bytes(1000, 9)))
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("auth_missing");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("tma");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aClientThatGoesAwayMidBodyLeavesNoUploadAndTouchesNothingStored() throws Exception {
        byte[] kept = bytes(50_000, 10);
        var stored = http.send(post("").POST(BodyPublishers.ofByteArray(kept)).build());
        ContentId keptId =
                ContentId.fromHex(TestHttp.json(stored).get("content_id").asText());

        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: 500000").getBytes(US_ASCII));
            out.write(bytes(100_000, 11));
            out.flush();
            Eventually.await("the upload is created", () -> !spoolFiles().isEmpty());
        }

        Eventually.await("the upload is removed", () -> spoolFiles().isEmpty());
        assertThat(contents()).extracting(ContentRecord::id).containsExactly(keptId);
        assertThat(node.plaintext(keptId)).isEqualTo(kept);
    }

    private HttpRequest.Builder post(String query) {
        return HttpRequest.newBuilder(http.uri(LegacyUploadRoutes.PATH + query)).header("Authorization", tma(ADA));
    }

    private HttpRequest postForm(byte[] form) {
        return post("").header("Content-Type", "multipart/form-data; boundary=\"" + BOUNDARY + "\"")
                .POST(BodyPublishers.ofByteArray(form))
                .build();
    }

    /** A request head for the raw-socket tests. */
    private static String head(String framing) {
        return "POST " + LegacyUploadRoutes.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + tma(ADA)
                + "\r\nContent-Type: application/octet-stream\r\n" + framing + "\r\n\r\n";
    }

    /** Sends a head and bytes over a plain socket and reads one answer (head and Content-Length body). */
    private String exchange(String head, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(US_ASCII));
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // The server answered and closed before taking everything: the answer is still there to read.
            }
            return readAnswer(socket.getInputStream());
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        var headBytes = new ByteArrayOutputStream();
        while (!headBytes.toString(US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headBytes.write(b);
        }
        String head = headBytes.toString(US_ASCII);
        int length = head.lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0);
        return head + new String(in.readNBytes(length), UTF_8);
    }

    private List<ContentRecord> contents() {
        return node.contents.withoutIpfsCid(100);
    }

    /** The spool's uploads in progress (besides its lock): none once every upload finished or was removed. */
    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(dataDir.resolve("uploads"))) {
            return files.filter(f -> !f.getFileName().toString().equals(".lock"))
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] form(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(US_ASCII));
        return out.toByteArray();
    }

    private static byte[] field(String name, String value) {
        return part("form-data; name=\"" + name + "\"", null, value.getBytes(UTF_8));
    }

    private static byte[] filePart(String fileName, String type, byte[] bytes) {
        return part("form-data; name=\"file\"; filename=\"" + fileName + "\"", type, bytes);
    }

    private static byte[] part(String disposition, String type, byte[] bytes) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n").getBytes(UTF_8));
        if (type != null) {
            out.writeBytes(("Content-Type: " + type + "\r\n").getBytes(US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(US_ASCII));
        return out.toByteArray();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
