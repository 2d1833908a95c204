package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BuyButtonTest {
    @Test
    void everyContentAndMethodRoundTripsWithinTelegramsSixtyFourBytes() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            ContentId id = new ContentId(Digest256.of(bytes));
            for (PaymentMethod method : PaymentMethod.values()) {
                String data = BuyButton.data(method, id);

                assertThat(data.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64);
                assertThat(BuyButton.parse(data)).contains(new BuyButton(method, id));
            }
        }
    }

    @Test
    void dataThatIsNoneOfOursIsNoButton() {
        assertThat(BuyButton.parse(null)).isEmpty();
        assertThat(BuyButton.parse("like:stars:abc")).isEmpty();
        assertThat(BuyButton.parse("buy:euro:" + "A".repeat(43))).isEmpty();
        assertThat(BuyButton.parse("buy:stars:tooShort")).isEmpty();
        assertThat(BuyButton.parse("buy:stars:" + "!".repeat(43))).isEmpty();
        assertThat(BuyButton.parse("buy:stars")).isEmpty();
    }
}
