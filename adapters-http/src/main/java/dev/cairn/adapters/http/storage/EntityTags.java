package dev.cairn.adapters.http.storage;

/**
 * Matching of {@code If-Match} and {@code If-None-Match} field values, {@code "*"} or a comma-separated list of entity
 * tags such as {@code "abc", W/"def"} (RFC 9110 sections 8.8.3 and 13.1), against this server's one strong tag.
 */
final class EntityTags {
    private EntityTags() {}

    /**
     * Whether {@code field} names {@code etag} under the strong comparison (If-Match): a weak tag never matches. A
     * malformed field matches nothing.
     */
    static boolean strongMatch(String field, String etag) {
        return matches(field, etag, true);
    }

    /** Whether {@code field} names {@code etag} under the weak comparison (If-None-Match): {@code W/} is ignored. */
    static boolean weakMatch(String field, String etag) {
        return matches(field, etag, false);
    }

    private static boolean matches(String field, String etag, boolean strong) {
        if (field == null) {
            return false;
        }
        String value = field.strip();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                return false;
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if (!(strong && weak) && value.substring(open, close + 1).equals(etag)) {
                return true;
            }
            i = close + 1;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < value.length() && value.charAt(i) != ',') {
                return false;
            }
        }
        return false;
    }
}
