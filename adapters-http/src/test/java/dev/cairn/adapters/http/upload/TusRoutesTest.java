package dev.cairn.adapters.http.upload;

import static dev.cairn.adapters.http.upload.TusServer.ADA;
import static dev.cairn.adapters.http.upload.TusServer.BO;
import static dev.cairn.adapters.http.upload.TusServer.tma;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.UploadConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tus 1.0.0 protocol over real HTTP on loopback, request by request, with the pipeline on disk behind it. */
class TusRoutesTest {
    private static final UploadConfig ONE_MIB = new UploadConfig(1, Duration.ofHours(1), 8);

    @TempDir
    Path dataDir;

    private TusServer node;
    private TusHttp http;
    private final String ada = tma(ADA);

    @BeforeEach
    void start() throws IOException {
        node = new TusServer(dataDir, ONE_MIB);
        http = new TusHttp(node.port());
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    @Test
    void optionsSaysWhatTheServerSpeaksWithoutAuthentication() {
        var response = http.options(TusRoutes.BASE).send();

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(response, "Tus-Version")).isEqualTo("1.0.0");
        assertThat(header(response, "Tus-Extension").split(","))
                .containsExactlyInAnyOrder(
                        "creation",
                        "creation-with-upload",
                        "creation-defer-length",
                        "termination",
                        "checksum",
                        "expiration",
                        "concatenation");
        assertThat(header(response, "Tus-Max-Size")).isEqualTo(Long.toString(1 << 20));
        assertThat(header(response, "Tus-Checksum-Algorithm")).contains("sha1");
    }

    @Test
    void anUploadInTwoChunksBecomesAContentWhoseBlobDecryptsToTheBytesSent() {
        byte[] bytes = bytes(300_000, 1);
        String url = create(bytes.length, "filename " + b64("song.mp3") + ",title " + b64("Песня"));

        var first = patch(url, 0, Arrays.copyOfRange(bytes, 0, 100_000));
        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(header(first, "Upload-Offset")).isEqualTo("100000");
        assertThat(header(first, "Upload-Expires")).endsWith(" GMT");
        assertThat(first.headers().firstValue(TusRoutes.CONTENT_ID)).isEmpty();

        var last = patch(url, 100_000, Arrays.copyOfRange(bytes, 100_000, bytes.length));
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(header(last, "Upload-Offset")).isEqualTo("300000");
        ContentId id = ContentId.fromHex(header(last, TusRoutes.CONTENT_ID));
        assertThat(node.plaintext(id)).isEqualTo(bytes);
        assertThat(node.contents.find(id).orElseThrow().title()).isEqualTo("Песня");
        assertThat(header(head(url), TusRoutes.CONTENT_ID)).isEqualTo(id.hex());
    }

    @Test
    void headTellsTheOffsetLengthMetadataAndExpiryAndIsNeverCached() {
        String url = create(10, "filename " + b64("a.txt") + ",note");
        patch(url, 0, bytes(4, 2));

        var response = head(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(response, "Upload-Offset")).isEqualTo("4");
        assertThat(header(response, "Upload-Length")).isEqualTo("10");
        assertThat(header(response, "Upload-Metadata")).isEqualTo("filename " + b64("a.txt") + ",note");
        assertThat(header(response, "Upload-Expires")).isEqualTo("Tue, 25 Nov 2025 18:00:00 GMT");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void creationWithUploadTakesTheFirstBytesInThePost() {
        byte[] bytes = bytes(1000, 3);
        var response = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", "1000")
                .bytes(Arrays.copyOf(bytes, 600))
                .send();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(header(response, "Upload-Offset")).isEqualTo("600");
        String url = header(response, "Location");
        var last = patch(url, 600, Arrays.copyOfRange(bytes, 600, 1000));
        assertThat(node.plaintext(ContentId.fromHex(header(last, TusRoutes.CONTENT_ID))))
                .isEqualTo(bytes);
    }

    @Test
    void aDeferredLengthIsGivenWithTheLastChunk() {
        var created = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Defer-Length", "1")
                .send();
        assertThat(created.statusCode()).isEqualTo(201);
        String url = header(created, "Location");
        patch(url, 0, bytes(5, 4));
        assertThat(header(head(url), "Upload-Defer-Length")).isEqualTo("1");

        var last = http.request("PATCH", url, ada)
                .header("Upload-Offset", "5")
                .header("Upload-Length", "8")
                .bytes(new byte[3])
                .send();

        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(header(last, TusRoutes.CONTENT_ID)).hasSize(64);
        assertThat(header(head(url), "Upload-Length")).isEqualTo("8");
    }

    @Test
    void anEmptyUploadIsAContentAtOnce() {
        var created = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", "0")
                .send();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(node.plaintext(ContentId.fromHex(header(created, TusRoutes.CONTENT_ID))))
                .isEmpty();
    }

    @Test
    void exactlyTheLimitIsAcceptedAndOneByteMoreIsRefusedWith413() {
        int limit = 1 << 20;
        String url = create(limit, null);
        assertThat(patch(url, 0, bytes(limit, 5)).statusCode()).isEqualTo(204);

        var over = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", Integer.toString(limit + 1))
                .send();
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(json(over).get("code").asText()).isEqualTo("upload_too_large");
        assertThat(json(over).get("message").asText()).contains("MAX_CONTENT_SIZE_MB=1");
    }

    @Test
    void bytesPastTheDeclaredLengthAreRefusedAndTheOffsetStays() {
        String url = create(4, null);

        var response = patch(url, 0, bytes(5, 6));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asText()).isEqualTo("upload_exceeds_length");
        assertThat(header(head(url), "Upload-Offset")).isEqualTo("0");
    }

    @Test
    void aWrongOffsetIs409AndChangesNothing() {
        String url = create(10, null);
        patch(url, 0, bytes(3, 7));

        var response = patch(url, 2, bytes(3, 8));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("code").asText()).isEqualTo("upload_offset_mismatch");
        assertThat(header(head(url), "Upload-Offset")).isEqualTo("3");
    }

    @Test
    void aChunkWhoseChecksumDoesNotMatchIs460AndDiscarded() {
        String url = create(10, null);
        byte[] chunk = bytes(6, 9);

        var wrong = http.request("PATCH", url, ada)
                .header("Upload-Offset", "0")
                .header("Upload-Checksum", "sha1 " + b64(sha1(new byte[6])))
                .bytes(chunk)
                .send();
        assertThat(wrong.statusCode()).isEqualTo(460);
        assertThat(json(wrong).get("code").asText()).isEqualTo("upload_checksum_mismatch");
        assertThat(header(head(url), "Upload-Offset")).isEqualTo("0");

        var right = http.request("PATCH", url, ada)
                .header("Upload-Offset", "0")
                .header("Upload-Checksum", "sha1 " + b64(sha1(chunk)))
                .bytes(chunk)
                .send();
        assertThat(right.statusCode()).isEqualTo(204);
        assertThat(header(right, "Upload-Offset")).isEqualTo("6");
    }

    @Test
    void anUnsupportedChecksumAlgorithmIs400() {
        String url = create(10, null);

        var response = http.request("PATCH", url, ada)
                .header("Upload-Offset", "0")
                .header("Upload-Checksum", "crc32 AAAAAA==")
                .bytes(new byte[2])
                .send();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("upload_invalid_checksum");
    }

    @Test
    void anotherVersionOrNoneIs412WithTheVersionThisServerSpeaks() {
        var other = http.request("POST", TusRoutes.BASE, ada)
                .header("Tus-Resumable", "0.2.2")
                .header("Upload-Length", "1")
                .send();
        var none = http.request("POST", TusRoutes.BASE, ada)
                .header("Tus-Resumable", null)
                .header("Upload-Length", "1")
                .send();

        for (var response : java.util.List.of(other, none)) {
            assertThat(response.statusCode()).isEqualTo(412);
            assertThat(header(response, "Tus-Version")).isEqualTo("1.0.0");
            assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
            assertThat(json(response).get("code").asText()).isEqualTo("tus_version_unsupported");
        }
    }

    @Test
    void anotherUsersUploadDoesNotExistForThem() {
        String url = create(10, null);
        patch(url, 0, bytes(2, 10));
        String bo = tma(BO);

        assertThat(http.request("HEAD", url, bo).send().statusCode()).isEqualTo(404);
        var patch = http.request("PATCH", url, bo)
                .header("Upload-Offset", "2")
                .bytes(new byte[2])
                .send();
        assertThat(patch.statusCode()).isEqualTo(404);
        assertThat(json(patch).get("code").asText()).isEqualTo("upload_not_found");
        assertThat(http.request("DELETE", url, bo).send().statusCode()).isEqualTo(404);
        assertThat(header(head(url), "Upload-Offset")).isEqualTo("2");
    }

    @Test
    void withoutCredentialsItIs401AndStillSpeaksTus() {
        var response = http.request("POST", TusRoutes.BASE, ada)
                .header("Authorization", null)
                .header("Upload-Length", "1")
                .send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
    }

    @Test
    void terminationDeletesTheUpload() {
        String url = create(10, null);
        patch(url, 0, bytes(2, 11));

        assertThat(http.request("DELETE", url, ada).send().statusCode()).isEqualTo(204);
        assertThat(head(url).statusCode()).isEqualTo(404);
    }

    @Test
    void anExpiredUploadIs410() {
        String url = create(10, null);
        node.clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(head(url).statusCode()).isEqualTo(410);
        var patch = patch(url, 0, bytes(2, 12));
        assertThat(patch.statusCode()).isEqualTo(410);
        assertThat(json(patch).get("code").asText()).isEqualTo("upload_expired");
    }

    @Test
    void partialUploadsConcatenateIntoOneContent() {
        byte[] bytes = bytes(5000, 13);
        String a = partial(Arrays.copyOfRange(bytes, 0, 2000));
        String b = partial(Arrays.copyOfRange(bytes, 2000, 5000));
        assertThat(header(head(a), "Upload-Concat")).isEqualTo("partial");

        var created = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Concat", "final;" + a + " http://example.org" + b)
                .send();

        assertThat(created.statusCode()).isEqualTo(201);
        ContentId id = ContentId.fromHex(header(created, TusRoutes.CONTENT_ID));
        assertThat(node.plaintext(id)).isEqualTo(bytes);
        String finalUrl = header(created, "Location");
        assertThat(header(head(finalUrl), "Upload-Concat")).isEqualTo("final;" + a + " " + b);
        var patch = patch(finalUrl, 5000, new byte[1]);
        assertThat(patch.statusCode()).isEqualTo(403);
    }

    @Test
    void aFinalUploadOfSomethingElseIs400() {
        var response = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Concat", "final;/etc/passwd")
                .send();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("upload_invalid_concatenation");
    }

    @Test
    void badHeadersAreNamed() {
        var noLength = http.request("POST", TusRoutes.BASE, ada).send();
        assertThat(noLength.statusCode()).isEqualTo(400);
        assertThat(json(noLength).get("message").asText()).contains("Upload-Length");

        var negative = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", "-1")
                .send();
        assertThat(json(negative).get("message").asText()).contains("Upload-Length");

        var metadata = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", "1")
                .header("Upload-Metadata", "filename %%%")
                .send();
        assertThat(metadata.statusCode()).isEqualTo(400);
        assertThat(json(metadata).get("code").asText()).isEqualTo("upload_invalid_metadata");

        String url = create(10, null);
        var noOffset = http.request("PATCH", url, ada).bytes(new byte[1]).send();
        assertThat(json(noOffset).get("message").asText()).contains("Upload-Offset");
        var wrongType = http.request("PATCH", url, ada)
                .header("Upload-Offset", "0")
                .bytes(new byte[1])
                .header("Content-Type", "application/json")
                .send();
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    @Test
    void anIdThatIsNoUploadIdIs404() {
        var response =
                http.request("HEAD", TusRoutes.BASE + "/..%2F..%2Fblobs", ada).send();

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void postWithAMethodOverrideIsAPatch() {
        String url = create(3, null);

        var response = http.request("POST", url, ada)
                .header("X-HTTP-Method-Override", "PATCH")
                .header("Upload-Offset", "0")
                .bytes(new byte[3])
                .send();

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, TusRoutes.CONTENT_ID)).hasSize(64);
    }

    private String create(long length, String metadata) {
        var response = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata)
                .send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = header(response, "Location");
        assertThat(location).startsWith(TusRoutes.BASE + "/");
        return location;
    }

    private String partial(byte[] bytes) {
        var response = http.request("POST", TusRoutes.BASE, ada)
                .header("Upload-Length", Integer.toString(bytes.length))
                .header("Upload-Concat", "partial")
                .bytes(bytes)
                .send();
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue(TusRoutes.CONTENT_ID)).isEmpty();
        return header(response, "Location");
    }

    private HttpResponse<String> patch(String url, long offset, byte[] bytes) {
        return http.request("PATCH", url, ada)
                .header("Upload-Offset", Long.toString(offset))
                .bytes(bytes)
                .send();
    }

    private HttpResponse<String> head(String url) {
        return http.request("HEAD", url, ada).send();
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers()
                .firstValue(name)
                .orElseThrow(() -> new AssertionError("no " + name + " in " + response + " " + response.headers()));
    }

    static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
