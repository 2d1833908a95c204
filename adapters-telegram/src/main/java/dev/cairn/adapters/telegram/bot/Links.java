package dev.cairn.adapters.telegram.bot;

import dev.cairn.core.id.ContentId;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses the bots hand out: the node's Mini App pages under its public URL, and deep links into the client
 * bot.
 *
 * @param publicUrl where users reach the node ({@code PUBLIC_URL}); Mini App pages need HTTPS in Telegram
 * @param clientBotUsername the client bot's {@code @username} without the {@code @}, once known ({@code getMe})
 */
public record Links(URI publicUrl, Optional<String> clientBotUsername) {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{3,31}");

    public Links {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(clientBotUsername, "clientBotUsername");
        if (!"http".equals(publicUrl.getScheme()) && !"https".equals(publicUrl.getScheme())) {
            throw new IllegalArgumentException("a public URL is http(s)://host[:port][/path], got " + publicUrl);
        }
        publicUrl = URI.create(publicUrl.toString().replaceAll("/+$", ""));
        clientBotUsername = clientBotUsername.map(u -> u.startsWith("@") ? u.substring(1) : u);
        clientBotUsername.ifPresent(u -> {
            if (!USERNAME.matcher(u).matches()) {
                throw new IllegalArgumentException("a bot username is 5 to 32 letters, digits and _, got '" + u + "'");
            }
        });
    }

    /** The Mini App's upload page. */
    public String upload() {
        return publicUrl + "/upload";
    }

    /** The Mini App's page of the user's own contents. */
    public String mine() {
        return publicUrl + "/mine";
    }

    /** The Mini App's page of a content. */
    public String content(ContentId id) {
        return publicUrl + "/content/" + id.hex();
    }

    /** {@code https://t.me/<client bot>?start=<content id>}: opens the content's card in the client bot. */
    public Optional<String> deepLink(ContentId id) {
        return clientBotUsername.map(u -> "https://t.me/" + u + "?start=" + id.hex());
    }
}
