package dev.cairn.adapters.http.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ; name=value} parameters of a header value ({@code Content-Disposition}, {@code Content-Type}), as
 * RFC 6266 and RFC 7578 use them, with RFC 8187's extended {@code filename*}.
 */
final class HeaderParameters {
    private HeaderParameters() {}

    /**
     * The parameters of a header value such as {@code form-data; name="file"; filename="a.mp3"}, names lower-cased,
     * quoted strings unquoted. Inside quotes a backslash escapes only {@code "} and itself: browsers send other
     * backslashes as they are (a Windows path, from old ones). The value before the first {@code ;} is left out.
     */
    static Map<String, String> parse(String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++;
            int equals = value.indexOf('=', i);
            int semicolon = value.indexOf(';', i);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
                i = semicolon;
                continue;
            }
            String name = value.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            int start = equals + 1;
            while (start < value.length() && value.charAt(start) == ' ') {
                start++;
            }
            var text = new StringBuilder();
            int end;
            if (start < value.length() && value.charAt(start) == '"') {
                end = start + 1;
                while (end < value.length() && value.charAt(end) != '"') {
                    char next = end + 1 < value.length() ? value.charAt(end + 1) : 0;
                    if (value.charAt(end) == '\\' && (next == '"' || next == '\\')) {
                        end++;
                    }
                    text.append(value.charAt(end++));
                }
                i = value.indexOf(';', end);
            } else {
                end = value.indexOf(';', start);
                text.append((end < 0 ? value.substring(start) : value.substring(start, end)).strip());
                i = end;
            }
            parameters.putIfAbsent(name, text.toString());
        }
        return parameters;
    }

    /** RFC 8187's {@code UTF-8''percent-encoded} value (of {@code filename*}); empty if it is not that. */
    static Optional<String> extendedValue(String value) {
        int quote = value.indexOf("''");
        if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("utf-8")) {
            return Optional.empty();
        }
        String encoded = value.substring(quote + 2);
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c == '%' || c > 0x7e) {
                return Optional.empty();
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return Optional.of(new String(Arrays.copyOf(bytes, n), StandardCharsets.UTF_8));
    }

    /** The file name of {@code Content-Disposition} parameters: {@code filename*} if it decodes, else {@code filename}. */
    static Optional<String> fileName(Map<String, String> disposition) {
        return Optional.ofNullable(disposition.get("filename*"))
                .flatMap(HeaderParameters::extendedValue)
                .or(() -> Optional.ofNullable(disposition.get("filename")));
    }
}
