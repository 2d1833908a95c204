package dev.cairn.adapters.http.upload;

import static dev.cairn.adapters.http.upload.TusServer.ADA;
import static dev.cairn.adapters.http.upload.TusServer.tma;
import static dev.cairn.adapters.http.upload.TusdHookRequests.finish;
import static dev.cairn.adapters.http.upload.TusdHookRequests.preCreate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.UploadConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tusd v2's HTTP hooks over real HTTP on loopback, with bodies shaped as tusd sends them and the pipeline on disk. */
class TusHookRoutesTest {
    private static final UploadConfig ONE_MIB = new UploadConfig(1, Duration.ofHours(1), 8);
    private static final String SECRET = "hook-secret-0123456789abcdef";
    private static final String TUSD_ID = "5d892c228ec8d0451dfec588697e8930";
    private static final Map<String, String> SONG = Map.of("filename", "song.mp3", "filetype", "audio/mpeg");

    @TempDir
    Path dataDir;

    @TempDir
    Path tusdDir;

    private TusServer node;
    private TestHttp http;

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aPreCreateTheNodeWouldAcceptIsAnsweredWithNothingToChange() {
        start();

        var response = hook(preCreate(1000, SONG, tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void aPreCreateOverTheLimitIsRejectedWithOur413ForTheClient() {
        start();

        JsonNode answer = TestHttp.json(hook(preCreate(ONE_MIB.maxContentBytes() + 1, SONG, tma(ADA))));

        assertThat(answer.get("RejectUpload").asBoolean()).isTrue();
        JsonNode forClient = answer.get("HTTPResponse");
        assertThat(forClient.get("StatusCode").asInt()).isEqualTo(413);
        assertThat(forClient.get("Header").get("Content-Type").asText()).isEqualTo("application/json");
        JsonNode error = errorBody(forClient);
        assertThat(error.get("code").asText()).isEqualTo("upload_too_large");
        assertThat(error.get("message").asText()).contains("MAX_CONTENT_SIZE_MB=1");
        assertThat(error.get("error_id").asText()).hasSize(32);
        assertThat(error.get("session_id").asText()).isEqualTo("client-session-1");
    }

    @Test
    void exactlyTheLimitIsAcceptedAtPreCreate() {
        start();

        assertThat(hook(preCreate(ONE_MIB.maxContentBytes(), SONG, tma(ADA))).body())
                .isEqualTo("{}");
    }

    @Test
    void aPreCreateWithBadMetadataIsRejectedWith400() {
        start();

        JsonNode answer = TestHttp.json(hook(preCreate(10, Map.of("filename", "../etc/passwd"), tma(ADA))));

        assertThat(answer.get("RejectUpload").asBoolean()).isTrue();
        assertThat(answer.get("HTTPResponse").get("StatusCode").asInt()).isEqualTo(400);
        assertThat(errorBody(answer.get("HTTPResponse")).get("code").asText()).isEqualTo("upload_invalid_metadata");
    }

    @Test
    void aPreCreateWithoutAUserIsRejectedWith401AndTheChallenge() {
        start();

        for (String authorization : new String[] {null, "Bearer x", "tma user=%7B%7D&hash=00"}) {
            JsonNode answer = TestHttp.json(hook(preCreate(10, SONG, authorization)));

            assertThat(answer.get("RejectUpload").asBoolean()).isTrue();
            JsonNode forClient = answer.get("HTTPResponse");
            assertThat(forClient.get("StatusCode").asInt()).isEqualTo(401);
            assertThat(forClient.get("Header").get("WWW-Authenticate").asText()).isEqualTo("tma");
            assertThat(errorBody(forClient).get("code").asText()).startsWith("auth_");
        }
    }

    @Test
    void postFinishStoresTusdsFileAsAContentOfTheUser() throws IOException {
        start();
        byte[] bytes = bytes(300_000, 1);
        Path file = tusdFile(TUSD_ID, bytes);

        var response = hook(finish("post-finish", TUSD_ID, bytes.length, SONG, file.toString(), tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(200);
        ContentId id = contentId(response);
        assertThat(node.plaintext(id)).isEqualTo(bytes);
        ContentRecord content = node.contents.find(id).orElseThrow();
        assertThat(content.ownerId()).isEqualTo(ADA);
        assertThat(content.title()).isEqualTo("song.mp3");
        assertThat(content.size()).isEqualTo(bytes.length);
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void theDocumentedPostFinishExampleIsUnderstood() throws IOException {
        start();
        Path file = tusdFile("14b1c4c77771671a8479bc0444bbc5ce", bytes(432_724, 2));
        String documented = """
                {"Type":"post-finish","Event":{"Upload":{"ID":"14b1c4c77771671a8479bc0444bbc5ce","Size":432724,\
                "SizeIsDeferred":false,"Offset":432724,"MetaData":{"filename":"Screenshot 2023-08-17 at 09.00.40 1.png",\
                "filetype":"image/png"},"IsPartial":false,"IsFinal":false,"PartialUploads":null,"Storage":{\
                "Type":"filestore","Path":"%s","InfoPath":"%s.info"}},"HTTPRequest":{"Method":"PATCH",\
                "URI":"/files/14b1c4c77771671a8479bc0444bbc5ce","RemoteAddr":"127.0.0.1:59395","Header":{\
                "Authorization":["%s"],"Host":["localhost:8080"],"Tus-Resumable":["1.0.0"],\
                "User-Agent":["Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:109.0) Gecko/20100101 Firefox/116.0"]}}},\
                "SomeFutureMember":{"tusd":"adds members over time"}}""".formatted(file, file, tma(ADA));

        var response = hook(documented);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(node.contents.find(contentId(response)).orElseThrow().fileName())
                .hasValue("Screenshot 2023-08-17 at 09.00.40 1.png");
    }

    @Test
    void aRepeatedFinishHookAnswersTheSameContentAndStoresNothingMore() throws IOException {
        start();
        byte[] bytes = bytes(5000, 3);
        Path file = tusdFile(TUSD_ID, bytes);

        var preFinish = hook(finish("pre-finish", TUSD_ID, bytes.length, SONG, file.toString(), tma(ADA)));
        var postFinish = hook(finish("post-finish", TUSD_ID, bytes.length, SONG, file.toString(), tma(ADA)));
        var retried = hook(finish("post-finish", TUSD_ID, bytes.length, SONG, file.toString(), tma(ADA)));

        assertThat(contentId(postFinish)).isEqualTo(contentId(preFinish)).isEqualTo(contentId(retried));
        assertThat(contents()).hasSize(1);
    }

    @Test
    void aWrongOrMissingSecretIs401AndTouchesNothing() throws IOException {
        start();
        Path file = tusdFile(TUSD_ID, bytes(100, 4));
        String body = finish("post-finish", TUSD_ID, 100, SONG, file.toString(), tma(ADA));

        for (String path : List.of(
                TusHookRoutes.PATH,
                TusHookRoutes.PATH + "?secret=",
                TusHookRoutes.PATH + "?secret=" + SECRET.substring(1),
                TusHookRoutes.PATH + "?secret=" + SECRET + "x")) {
            var response = http.post(path, body);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("tus_hook_unauthorized");
            assertThat(response.body()).doesNotContain(SECRET);
        }
        assertThat(contents()).isEmpty();
    }

    @Test
    void withoutAConfiguredSecretHooksAreOff() throws IOException {
        node = new TusServer(
                dataDir,
                ONE_MIB,
                s -> List.of(new TusHookRoutes(s.uploads, s.authentication(), Optional.empty(), s.random)));
        http = new TestHttp(node.port());

        var response = http.post(TusHookRoutes.PATH + "?secret=" + SECRET, preCreate(10, SONG, tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("tus_hook_off");
        assertThat(TestHttp.json(response).get("message").asText()).contains("TUS_HOOK_SECRET");
    }

    @Test
    void aMissingFileIs422NamingItAndStoresNothing() {
        start();
        Path missing = tusdDir.resolve(TUSD_ID);

        var response = hook(finish("post-finish", TUSD_ID, 100, SONG, missing.toString(), tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("tus_hook_file_unreadable");
        assertThat(TestHttp.json(response).get("message").asText()).contains(missing.toString());
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFileOfAnotherSizeThanTusdSaysIs422AndStoresNothing() throws IOException {
        start();
        Path file = tusdFile(TUSD_ID, bytes(100, 5));

        var response = hook(finish("post-finish", TUSD_ID, 101, SONG, file.toString(), tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("tus_hook_file_incomplete");
        assertThat(contents()).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aFileOutsideTusdsUploadDirectoryIsRefused() throws IOException {
        start();
        Path elsewhere = Files.write(dataDir.resolve("master.key"), bytes(32, 6));
        Path throughLink = Files.createSymbolicLink(tusdDir.resolve(TUSD_ID), elsewhere);

        for (Path path : List.of(
                elsewhere,
                throughLink,
                tusdDir.resolve("..").resolve(tusdDir.getParent().relativize(elsewhere)))) {
            var response = hook(finish("post-finish", TUSD_ID, 32, SONG, path.toString(), tma(ADA)));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("tus_hook_path_refused");
        }
        assertThat(contents()).isEmpty();
    }

    @Test
    void aFinishWithoutAUserIs401AndStoresNothing() throws IOException {
        start();
        Path file = tusdFile(TUSD_ID, bytes(100, 7));

        var response = hook(finish("post-finish", TUSD_ID, 100, SONG, file.toString(), null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("auth_missing");
        assertThat(contents()).isEmpty();
    }

    @Test
    void overTheLimitAtFinishIs413AndStoresNothing() throws IOException {
        start();
        byte[] bytes = bytes((int) ONE_MIB.maxContentBytes() + 1, 8);
        Path file = tusdFile(TUSD_ID, bytes);

        var response = hook(finish("post-finish", TUSD_ID, bytes.length, SONG, file.toString(), tma(ADA)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("upload_too_large");
        assertThat(contents()).isEmpty();
    }

    @Test
    void aPartialUploadIsNotAContentOfItsOwn() throws IOException {
        start();
        Path file = tusdFile(TUSD_ID, bytes(100, 9));
        String partial = finish("post-finish", TUSD_ID, 100, SONG, file.toString(), tma(ADA))
                .replace("\"IsPartial\":false", "\"IsPartial\":true");

        var response = hook(partial);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(contents()).isEmpty();
    }

    @Test
    void otherHooksAreAnsweredWithNothingToChange() {
        start();
        String postReceive = preCreate(10, SONG, tma(ADA)).replace("\"pre-create\"", "\"post-receive\"");

        for (String body : List.of(postReceive, "{\"Type\":\"post-terminate\"}", "{\"Type\":\"something-new\"}")) {
            var response = hook(body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{}");
        }
    }

    @Test
    void aBodyThatIsNotAHookRequestIs400() {
        start();

        var notJson = hook("{\"Type\": ");
        var noEvent = hook("{\"Type\":\"post-finish\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(notJson).get("code").asText()).isEqualTo("malformed_json");
        assertThat(noEvent.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(noEvent).get("code").asText()).isEqualTo("tus_hook_malformed");
    }

    private void start() {
        try {
            node = new TusServer(
                    dataDir,
                    ONE_MIB,
                    s -> List.of(new TusHookRoutes(
                            s.uploads, s.authentication(), Optional.of(new TusHookConfig(SECRET, tusdDir)), s.random)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        http = new TestHttp(node.port());
    }

    private HttpResponse<String> hook(String body) {
        return http.post(TusHookRoutes.PATH + "?secret=" + SECRET, body);
    }

    private Path tusdFile(String id, byte[] bytes) throws IOException {
        return Files.write(tusdDir.resolve(id), bytes);
    }

    private List<ContentRecord> contents() {
        return node.contents.withoutIpfsCid(100);
    }

    /** What the node's spool holds besides its lock: nothing once every upload finished or was removed. */
    private List<Path> spoolFiles() {
        try (Stream<Path> files = Files.list(dataDir.resolve("uploads"))) {
            return files.filter(f -> !f.getFileName().toString().equals(".lock"))
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ContentId contentId(HttpResponse<String> response) {
        JsonNode header = TestHttp.json(response).get("HTTPResponse").get("Header");
        return ContentId.fromHex(header.get(TusRoutes.CONTENT_ID).asText());
    }

    private static JsonNode errorBody(JsonNode clientResponse) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(clientResponse.get("Body").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
