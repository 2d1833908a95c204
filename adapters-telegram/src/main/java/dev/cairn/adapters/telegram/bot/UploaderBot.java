package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.GetFile;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadMetadata;
import dev.cairn.core.upload.WholeUpload;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploader bot: {@code /start} offers the Mini App's upload page; a file sent in chat (document, audio, video,
 * voice message, animation) goes through the same upload pipeline as one uploaded in the app, and the reply carries
 * its links. Bots may download files of at most 20 MB from Telegram ({@code getFile}); a larger file is refused
 * before anything is downloaded, with a pointer to the Mini App, which takes files up to the node's own limit.
 */
public final class UploaderBot implements UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(UploaderBot.class);

    /** What Telegram's Bot API lets a bot download ({@code getFile}): 20 MB. */
    public static final long TELEGRAM_DOWNLOAD_LIMIT = 20L * 1024 * 1024;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+_-]*/[a-z0-9][a-z0-9.+_-]*");

    private final BotApi api;
    private final WholeUpload uploads;
    private final ContentStore contents;
    private final Links links;
    private final long maxFileBytes;
    private final HttpClient http;

    /** With Telegram's download limit of 20 MB. */
    public UploaderBot(BotApi api, WholeUpload uploads, ContentStore contents, Links links) {
        this(api, uploads, contents, links, TELEGRAM_DOWNLOAD_LIMIT);
    }

    /**
     * @param api the uploader bot's connection
     * @param uploads the upload pipeline files sent in chat go through
     * @param contents where the stored content is looked up for the reply
     * @param links the node's Mini App pages and the client bot's deep links
     * @param maxFileBytes the largest file fetched from the Bot API: Telegram's 20 MB, or more with a local Bot API
     *     server started with {@code --local}
     */
    public UploaderBot(BotApi api, WholeUpload uploads, ContentStore contents, Links links, long maxFileBytes) {
        this.api = Objects.requireNonNull(api, "api");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.links = Objects.requireNonNull(links, "links");
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("a file size limit is > 0 bytes, got " + maxFileBytes);
        }
        this.maxFileBytes = maxFileBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void handle(Update update) {
        Message message = update.message();
        if (message == null || message.from() == null) {
            return;
        }
        long chat = message.chat().id();
        Optional<TelegramFile> file = TelegramFile.of(message);
        if (file.isPresent()) {
            store(chat, message.from().id(), file.get(), Optional.ofNullable(message.caption()));
            return;
        }
        if (message.photo() != null || message.videoNote() != null || message.sticker() != null) {
            Chats.send(
                    api,
                    chat,
                    "Please send it as a file (📎 → File), so that it arrives in its original quality.",
                    Optional.empty());
            return;
        }
        if (message.text() != null && Command.parse(message.text()).name().equals("start")) {
            Chats.send(
                    api,
                    chat,
                    "Hi! Upload your audio and video to Cairn: open the uploader, or just send me a file of up to "
                            + megabytes(maxFileBytes) + " here.",
                    Optional.of(new InlineKeyboardMarkup(
                            new InlineKeyboardButton[] {Chats.app("Upload", links.upload())},
                            new InlineKeyboardButton[] {Chats.app("My content", links.mine())})));
            return;
        }
        if (message.text() != null) {
            Chats.send(
                    api,
                    chat,
                    "Send me a file to upload it, or open the uploader.",
                    Chats.oneButton(Chats.app("Upload", links.upload())));
        }
    }

    private void store(long chat, long owner, TelegramFile file, Optional<String> caption) {
        if (file.size().isPresent() && file.size().getAsLong() > maxFileBytes) {
            Chats.send(
                    api,
                    chat,
                    "This file is " + megabytes(file.size().getAsLong()) + "; bots can fetch files of up to "
                            + megabytes(maxFileBytes) + " from Telegram. Please upload it in the app instead.",
                    Chats.oneButton(Chats.app("Upload", links.upload())));
            return;
        }
        com.pengrad.telegrambot.model.File described;
        try {
            described = api.call(new GetFile(file.fileId())).file();
        } catch (BotApiException e) {
            log.info("getFile of a file from user {} failed: {}", owner, e.getMessage());
            Chats.send(
                    api,
                    chat,
                    "Telegram did not hand this file over"
                            + (e.description().contains("too big") ? " (it is too big)" : "")
                            + ". Please upload it in the app instead.",
                    Chats.oneButton(Chats.app("Upload", links.upload())));
            return;
        }
        OptionalLong length = described.fileSize() != null ? OptionalLong.of(described.fileSize()) : file.size();
        ContentId id;
        try (InputStream body = open(described)) {
            id = uploads.store(owner, length, metadata(file, caption), body)
                    .contentId()
                    .orElseThrow();
        } catch (UploadException e) {
            log.info("A file from user {} was not stored: {}", owner, e.getMessage());
            Chats.send(api, chat, refusal(e), Chats.oneButton(Chats.app("Upload", links.upload())));
            return;
        } catch (IOException e) {
            log.warn("A file from user {} could not be fetched: {}", owner, e.toString());
            Chats.send(
                    api,
                    chat,
                    "Sorry, the file could not be fetched from Telegram, and nothing of it was kept. Please send it"
                            + " again, or upload it in the app.",
                    Chats.oneButton(Chats.app("Upload", links.upload())));
            return;
        }
        reply(chat, id);
    }

    private void reply(long chat, ContentId id) {
        Optional<ContentRecord> content = contents.find(id);
        String title =
                content.map(ContentRecord::title).filter(t -> !t.isBlank()).orElse("Your file");
        StringBuilder text = new StringBuilder("Stored \"").append(title).append("\".\n");
        links.deepLink(id).ifPresent(link -> text.append("\nShare it: ").append(link));
        text.append("\nOpen it in the app: ").append(links.content(id));
        if (content.isPresent() && content.get().kind() != ContentKind.BINARY) {
            text.append("\n\nIt is being processed now; I will tell you when it is ready.");
        }
        List<InlineKeyboardButton> row = new ArrayList<>();
        row.add(Chats.app("Open", links.content(id)));
        links.deepLink(id).ifPresent(link -> row.add(new InlineKeyboardButton("Share link").url(link)));
        Chats.send(
                api,
                chat,
                text.toString(),
                Optional.of(new InlineKeyboardMarkup(row.toArray(InlineKeyboardButton[]::new))));
    }

    /**
     * The file's bytes. From Telegram's file API by default; a local Bot API server started with {@code --local}
     * answers {@code getFile} with an absolute path on its own disk instead, which is read directly.
     */
    private InputStream open(com.pengrad.telegrambot.model.File file) throws IOException {
        String path = file.filePath();
        if (path == null || path.isBlank()) {
            throw new IOException("getFile gave no file_path");
        }
        if (path.startsWith("/")) {
            return Files.newInputStream(Path.of(path));
        }
        HttpRequest request = HttpRequest.newBuilder(api.fileUrl(file))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a file", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the file API answered " + response.statusCode());
        }
        return response.body();
    }

    private static Map<String, String> metadata(TelegramFile file, Optional<String> caption) {
        Map<String, String> metadata = new LinkedHashMap<>();
        file.fileName()
                .map(n -> n.replace('/', '_').replace('\\', '_'))
                .map(n -> cut(n, 120))
                .ifPresent(n -> metadata.put(UploadMetadata.FILENAME, n));
        caption.map(String::strip)
                .filter(c -> !c.isEmpty())
                .or(file::title)
                .map(t -> cut(t.replaceAll("\\p{Cntrl}+", " ").strip(), UploadMetadata.MAX_TITLE_CHARACTERS))
                .filter(t -> !t.isEmpty())
                .ifPresent(t -> metadata.put(UploadMetadata.TITLE, t));
        file.mimeType()
                .map(t -> t.toLowerCase(java.util.Locale.ROOT))
                .filter(t -> MEDIA_TYPE.matcher(t).matches())
                .ifPresent(t -> metadata.put(UploadMetadata.FILETYPE, t));
        return metadata;
    }

    private String refusal(UploadException e) {
        return switch (e.reason()) {
            case TOO_LARGE -> "This file is larger than this node accepts, so it was not stored.";
            case INVALID_METADATA ->
                "This file's name or caption cannot be used (" + e.getMessage()
                        + "). Please rename it or shorten the caption, and send it again.";
            default ->
                "Sorry, the file could not be stored, and nothing of it was kept. Please send it again,"
                        + " or upload it in the app.";
        };
    }

    /** At most {@code max} code points. */
    private static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    private static String megabytes(long bytes) {
        long mb = (bytes + 1024 * 1024 - 1) / (1024 * 1024);
        return mb + " MB";
    }
}
