package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void aCommandHasANameAndPerhapsAnArgument() {
        assertThat(Command.parse("/start")).isEqualTo(new Command("start", Optional.empty()));
        assertThat(Command.parse("/start  abc ")).isEqualTo(new Command("start", Optional.of("abc")));
        assertThat(Command.parse("/Start@Cairn_Bot abc")).isEqualTo(new Command("start", Optional.of("abc")));
        assertThat(Command.parse("/paysupport")).isEqualTo(new Command("paysupport", Optional.empty()));
    }

    @Test
    void textThatIsNoCommandHasTheEmptyName() {
        assertThat(Command.parse("hello /start").name()).isEmpty();
        assertThat(Command.parse("").name()).isEmpty();
    }
}
