package dev.cairn.adapters.http.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String TAG = "\"abc\"";

    @Test
    void theWeakComparisonIgnoresTheWeakMarker() {
        assertThat(EntityTags.weakMatch(TAG, TAG)).isTrue();
        assertThat(EntityTags.weakMatch("W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.weakMatch("\"x\", \"y\",W/\"abc\"", TAG)).isTrue();
    }

    @Test
    void theStrongComparisonNeverMatchesAWeakTag() {
        assertThat(EntityTags.strongMatch(TAG, TAG)).isTrue();
        assertThat(EntityTags.strongMatch("W/" + TAG, TAG)).isFalse();
        assertThat(EntityTags.strongMatch("W/\"x\" , " + TAG, TAG)).isTrue();
    }

    @Test
    void anAsteriskMatchesAnyExistingFile() {
        assertThat(EntityTags.weakMatch(" * ", TAG)).isTrue();
        assertThat(EntityTags.strongMatch("*", TAG)).isTrue();
    }

    @Test
    void otherTagsPrefixesAndCommasInsideQuotesDoNotMatch() {
        assertThat(EntityTags.weakMatch("\"abcd\"", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"ab\"", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"x,\"abc\"\"", TAG)).isFalse();
        assertThat(EntityTags.weakMatch(null, TAG)).isFalse();
    }

    @Test
    void aMalformedFieldMatchesNothing() {
        assertThat(EntityTags.weakMatch("abc", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"abc", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"x\" \"abc\"", TAG)).isFalse();
        assertThat(EntityTags.strongMatch("w/\"abc\"", TAG)).isFalse();
    }
}
