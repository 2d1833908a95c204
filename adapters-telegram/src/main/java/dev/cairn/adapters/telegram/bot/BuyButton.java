package dev.cairn.adapters.telegram.bot;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The callback data of a buy button: {@code buy:stars:<content>} or {@code buy:ton:<content>}. Telegram allows 64
 * bytes of callback data, and a content id in hex is 64 characters alone, so the id is carried as its 32 bytes in
 * unpadded base64url (43 characters).
 */
record BuyButton(PaymentMethod method, ContentId content) {
    private static final String PREFIX = "buy:";

    static String data(PaymentMethod method, ContentId content) {
        byte[] bytes = HexFormat.of().parseHex(content.hex());
        return PREFIX + method.wire() + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The button {@code data} stands for; empty if it is none of ours (or from an older version of the bot). */
    static Optional<BuyButton> parse(String data) {
        if (data == null || !data.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = data.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        PaymentMethod method;
        switch (parts[1]) {
            case "stars" -> method = PaymentMethod.STARS;
            case "ton" -> method = PaymentMethod.TON;
            default -> {
                return Optional.empty();
            }
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(parts[2]);
            if (bytes.length != 32) {
                return Optional.empty();
            }
            return Optional.of(
                    new BuyButton(method, ContentId.fromHex(HexFormat.of().formatHex(bytes))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
