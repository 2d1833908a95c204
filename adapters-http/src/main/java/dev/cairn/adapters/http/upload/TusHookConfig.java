package dev.cairn.adapters.http.upload;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a tusd in front of the node reaches its hook route.
 *
 * @param secret {@code TUS_HOOK_SECRET}: what tusd sends as {@code ?secret=} in the hook URL (tusd cannot add a header
 *     of its own to hook requests); at least {@value #MIN_SECRET_LENGTH} characters of {@code A-Z a-z 0-9 . _ ~ -}, so
 *     that it goes into the URL unencoded
 * @param uploadDirectory {@code TUS_HOOK_UPLOAD_DIR}: tusd's {@code -upload-dir} at the same absolute path tusd sees
 *     it; the hook reads finished files only inside it, so that even a leaked secret reads no other file of the node
 */
public record TusHookConfig(String secret, Path uploadDirectory) {
    public static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    public TusHookConfig {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(uploadDirectory, "uploadDirectory");
        // The messages never quote the secret: configuration errors are logged.
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("TUS_HOOK_SECRET must be at least " + MIN_SECRET_LENGTH
                    + " characters, got " + secret.length() + " (try: openssl rand -hex 32)");
        }
        if (!URL_SAFE.matcher(secret).matches()) {
            throw new IllegalArgumentException(
                    "TUS_HOOK_SECRET may hold only A-Z a-z 0-9 . _ ~ - (it goes into the hook URL unencoded)");
        }
        if (!uploadDirectory.isAbsolute()) {
            throw new IllegalArgumentException(
                    "TUS_HOOK_UPLOAD_DIR must be an absolute path (tusd's -upload-dir), got '" + uploadDirectory + "'");
        }
    }

    /** Leaves the secret out, so that logging the configuration does not leak it. */
    @Override
    public String toString() {
        return "TusHookConfig[secret=<hidden>, uploadDirectory=" + uploadDirectory + "]";
    }
}
