package dev.cairn.adapters.http.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header parameters as browsers and curl send them in {@code Content-Disposition} and {@code Content-Type}. */
class HeaderParametersTest {
    @Test
    void quotedValuesAreUnquotedAndOnlyQuotesAndBackslashesAreEscaped() {
        var parameters = HeaderParameters.parse("form-data; name=\"file\"; filename=\"C:\\dir\\a \\\"b\\\"; c.mp3\"");

        assertThat(parameters).containsEntry("name", "file").containsEntry("filename", "C:\\dir\\a \"b\"; c.mp3");
    }

    @Test
    void tokensNamesInAnyCaseAndTheFirstOfARepeatedNameAreTaken() {
        assertThat(HeaderParameters.parse("multipart/form-data; Boundary=abc ; boundary=other; junk"))
                .containsExactly(Map.entry("boundary", "abc"));
    }

    @Test
    void anExtendedFileNameIsDecodedAndPreferred() {
        var parameters = HeaderParameters.parse(
                "attachment; filename=\"naive song.mp3\"; filename*=UTF-8''na%C3%AFve%20song.mp3");

        assertThat(HeaderParameters.fileName(parameters)).hasValue("naïve song.mp3");
    }

    @Test
    void anExtendedFileNameThatDoesNotDecodeFallsBackToThePlainOne() {
        for (String extended : new String[] {"ISO-8859-1''x", "UTF-8''%zz", "UTF-8''%4", "no quotes"}) {
            var parameters = Map.of("filename", "plain.mp3", "filename*", extended);

            assertThat(HeaderParameters.fileName(parameters)).as(extended).hasValue("plain.mp3");
        }
    }
}
