package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.adapters.telegram.FakeBotApi.Call;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryConversionQueue;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.upload.InMemoryUploadSessionStore;
import dev.cairn.core.upload.UploadConfig;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSpool;
import dev.cairn.core.upload.WholeUpload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader bot polling a {@link FakeBotApi}, storing through core's real upload pipeline on a temp directory. */
class UploaderBotTest {
    static final String TOKEN = "2002:uploader-token";
    static final long ALICE = 300;
    static final CtrCipher CIPHER = CtrCipher.preferOpenSsl();

    @TempDir
    Path dir;

    FakeBotApi telegram;
    BotApi api;
    LocalFileBlobStore blobs;
    UploadSpool spool;
    final InMemoryContentStore contents = new InMemoryContentStore();
    final InMemoryUploadSessionStore sessions = new InMemoryUploadSessionStore();
    final RandomBytes random = ClientFixture.seeded(5);
    final MasterKey master = MasterKey.generate(random);
    final Links links = new Links(URI.create("https://cairn.example"), Optional.of("cairn_client_bot"));
    LongPolling polling;

    @BeforeEach
    void start() throws IOException {
        telegram = FakeBotApi.start(TOKEN);
        api = new BotApi("uploader", TOKEN, telegram.baseUrl());
        blobs = LocalFileBlobStore.open(dir.resolve("blobs"));
        spool = UploadSpool.open(dir.resolve("uploads"));
        var publisher = new ContentPublisher(
                blobs, contents, new InMemoryConversionQueue(), Ipfs.NONE, id -> {}, Runnable::run);
        var uploads = new UploadService(
                UploadConfig.withMaxContentSizeMb(64),
                sessions,
                spool,
                blobs,
                publisher,
                master,
                CIPHER,
                new ManualClock(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli()),
                random);
        var bot = new UploaderBot(api, new WholeUpload(uploads), contents, links);
        polling = new LongPolling(api, bot, 1, Duration.ofMillis(50), Duration.ofMillis(200));
        polling.start();
    }

    @AfterEach
    void stop() throws IOException {
        polling.close();
        api.close();
        telegram.close();
        spool.close();
        blobs.close();
    }

    @Test
    void startRepliesWithTheMiniAppsUploadButton() throws Exception {
        telegram.pushText(ALICE, "/start");

        Call reply = telegram.awaitCall("sendMessage");
        assertThat(reply.param("text")).startsWith("Hi! Upload your audio and video to Cairn");
        var rows = ClientBotTest.keyboard(reply);
        assertThat(ClientBotTest.button(rows, 0, 0).get("text").getAsString()).isEqualTo("Upload");
        assertThat(ClientBotTest.button(rows, 0, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .isEqualTo("https://cairn.example/upload");
        assertThat(ClientBotTest.button(rows, 1, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .isEqualTo("https://cairn.example/mine");
    }

    @Test
    void aDocumentIsDownloadedStoredForItsSenderAndAnsweredWithItsLinks() throws Exception {
        byte[] bytes = new byte[150_000];
        new Random(3).nextBytes(bytes);

        telegram.pushDocument(ALICE, "notes.bin", "application/octet-stream", bytes, Optional.of("My notes"));

        Call reply = telegram.awaitCall("sendMessage", 1, Duration.ofSeconds(20));
        List<ContentRecord> stored = contents.ownedBy(ALICE, Optional.empty(), 10);
        assertThat(stored).hasSize(1);
        ContentRecord content = stored.get(0);
        assertThat(content.title()).isEqualTo("My notes");
        assertThat(content.fileName()).contains("notes.bin");
        assertThat(content.size()).isEqualTo(bytes.length);
        assertThat(plaintext(content)).isEqualTo(bytes);
        assertThat(telegram.downloads()).containsExactly("documents/file_1_notes.bin");
        String hex = content.id().hex();
        assertThat(reply.param("text"))
                .startsWith("Stored \"My notes\".")
                .contains("https://t.me/cairn_client_bot?start=" + hex)
                .contains("https://cairn.example/content/" + hex);
        var rows = ClientBotTest.keyboard(reply);
        assertThat(ClientBotTest.button(rows, 0, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .isEqualTo("https://cairn.example/content/" + hex);
        assertThat(ClientBotTest.button(rows, 0, 1).get("url").getAsString())
                .isEqualTo("https://t.me/cairn_client_bot?start=" + hex);
    }

    @Test
    void anAudioMessageIsTitledByItsPerformerAndTitleTags() throws Exception {
        telegram.pushAudio(ALICE, "track01.mp3", "audio/mpeg", new byte[] {1, 2, 3}, "The Band", "First Song");

        assertThat(telegram.awaitCall("sendMessage", 1, Duration.ofSeconds(20)).param("text"))
                .startsWith("Stored \"The Band – First Song\".");
        ContentRecord content = contents.ownedBy(ALICE, Optional.empty(), 1).get(0);
        assertThat(content.title()).isEqualTo("The Band – First Song");
        assertThat(content.fileName()).contains("track01.mp3");
    }

    @Test
    void aFileOverTwentyMegabytesIsRefusedWithoutADownloadAndPointedToTheMiniApp() throws Exception {
        telegram.pushDocumentWithoutBytes(ALICE, "film.mp4", "video/mp4", 21L * 1024 * 1024);

        Call reply = telegram.awaitCall("sendMessage");
        assertThat(reply.param("text"))
                .isEqualTo("This file is 21 MB; bots can fetch files of up to 20 MB from Telegram. Please upload it in"
                        + " the app instead.");
        assertThat(ClientBotTest.button(ClientBotTest.keyboard(reply), 0, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .isEqualTo("https://cairn.example/upload");
        assertThat(telegram.calls("getFile")).isEmpty();
        assertThat(telegram.downloads()).isEmpty();
        assertThat(contents.ownedBy(ALICE, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aFileTheFileApiDoesNotServeLeavesNoUploadAndIsAnswered() throws Exception {
        telegram.pushDocumentWithoutBytes(ALICE, "gone.bin", "application/octet-stream", 1000);

        Call reply = telegram.awaitCall("sendMessage", 1, Duration.ofSeconds(20));

        assertThat(reply.param("text")).startsWith("Sorry, the file could not be fetched from Telegram");
        assertThat(contents.ownedBy(ALICE, Optional.empty(), 10)).isEmpty();
        assertThat(sessions.expired(Instant.MAX, 10)).isEmpty();
    }

    @Test
    void theOwnerIsToldWhenConversionIsReadyOrFailed() throws Exception {
        ContentRecord content = storeOne();
        var notices = new ConversionNotices(api, contents, links);

        notices.accept(new ConversionEvent.Ready(content.id(), List.of()));
        notices.accept(new ConversionEvent.Failed(content.id(), "The audio track could not be decoded."));

        Call ready = telegram.awaitCall("sendMessage", 2, Duration.ofSeconds(10));
        assertThat(ready.param("chat_id")).isEqualTo(String.valueOf(ALICE));
        assertThat(ready.param("text")).isEqualTo("\"Song\" is ready to play and share.");
        Call failed = telegram.awaitCall("sendMessage", 3, Duration.ofSeconds(10));
        assertThat(failed.param("text"))
                .isEqualTo("\"Song\" could not be processed: The audio track could not be decoded. The original file"
                        + " is kept, so you can still download it.");
    }

    @Test
    void anOwnerWhoNeverStartedTheBotIsSkippedQuietly() throws Exception {
        ContentRecord content = storeOne();
        telegram.block(ALICE);

        new ConversionNotices(api, contents, links).accept(new ConversionEvent.Ready(content.id(), List.of()));
        new ConversionNotices(api, contents, links)
                .accept(new ConversionEvent.Ready(ContentId.fromHex("ab".repeat(32)), List.of()));

        assertThat(telegram.calls("sendMessage")).hasSize(2);
    }

    /** A content of ALICE's stored through the bot; the bot's reply is the first sendMessage. */
    private ContentRecord storeOne() throws Exception {
        telegram.pushDocument(
                ALICE,
                "song.bin",
                "application/octet-stream",
                "la la".getBytes(StandardCharsets.UTF_8),
                Optional.of("Song"));
        telegram.awaitCall("sendMessage", 1, Duration.ofSeconds(20));
        return contents.ownedBy(ALICE, Optional.empty(), 1).get(0);
    }

    private byte[] plaintext(ContentRecord content) throws IOException {
        var vault = new ContentVault(blobs, master, CIPHER, random);
        try (InputStream in = vault.open(content.id(), content.wrappedKey())) {
            return in.readAllBytes();
        }
    }
}
