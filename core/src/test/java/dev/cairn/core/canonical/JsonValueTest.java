package dev.cairn.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {

    @Test
    void integersBeyondTwoToTheFiftyThreeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new JsonInteger(JsonInteger.MAX_SAFE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9007199254740992")
                .hasMessageContaining("decimal strings");
        assertThatThrownBy(() -> new JsonInteger(Long.MIN_VALUE)).hasMessageContaining("" + Long.MIN_VALUE);
    }

    @Test
    void loneSurrogatesAreRefusedInStringsAndKeys() {
        assertThatThrownBy(() -> new JsonString("ab\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D800")
                .hasMessageContaining("index 2");
        assertThatThrownBy(() -> new JsonString("\uDC00\uD800")).hasMessageContaining("U+DC00");
        assertThatThrownBy(() -> new JsonObject(Map.of("\uDFFF", JsonNull.INSTANCE)))
                .hasMessageContaining("U+DFFF");
        assertThat(new JsonString("\uD83D\uDE00").value()).hasSize(2);
    }

    @Test
    void requireReturnsTheTypedMemberOrSaysWhatIsWrong() {
        var object = JsonObject.builder().put("n", 5).put("s", "x").build();

        assertThat(object.require("n", JsonInteger.class).value()).isEqualTo(5);
        assertThatThrownBy(() -> object.require("s", JsonInteger.class))
                .hasMessage("field \"s\" is a string, expected an integer");
        assertThatThrownBy(() -> object.require("missing", JsonString.class)).hasMessage("missing field \"missing\"");
    }

    @Test
    void withAndWithoutReturnNewObjects() {
        var object = JsonObject.builder().put("a", 1).build();

        assertThat(object.with("b", JsonValue.of(2)).members()).containsOnlyKeys("a", "b");
        assertThat(object.with("a", JsonValue.of(3))
                        .require("a", JsonInteger.class)
                        .value())
                .isEqualTo(3);
        assertThat(object.without("a")).isEqualTo(JsonObject.EMPTY);
        assertThat(object.without("zzz")).isSameAs(object);
        assertThat(object.members()).containsOnlyKeys("a");
    }

    @Test
    void builderRefusesTheSameKeyTwice() {
        assertThatThrownBy(() -> JsonObject.builder().put("k", 1).put("k", 2)).hasMessage("duplicate key \"k\"");
    }

    @Test
    void membersCannotBeModified() {
        var object = JsonObject.builder().put("a", 1).build();

        assertThatThrownBy(() -> object.members().put("b", JsonNull.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
