package dev.cairn.adapters.telegram.ton;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a toncenter-compatible v2 API and how much of the wallet's history to read.
 *
 * @param baseUrl the API root, ending in {@code /api/v2} (e.g. {@code https://toncenter.com/api/v2})
 * @param wallet the receiving wallet's address, in any form the API accepts
 * @param apiKey sent as {@code X-API-Key}; without one toncenter allows about one request a second
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for one answer
 * @param pageSize transactions asked for per request, {@value #MIN_PAGE_SIZE} to {@value #MAX_PAGE_SIZE} (toncenter's
 *     limit); at least 2 because every page after the first repeats the previous page's last transaction
 * @param firstPollPages how many pages the first poll reads (when nothing is logged yet), so a wallet with a long
 *     history is not read back to its first transaction
 * @param pagePause the pause between two requests of one poll, to stay under a rate limit (1 s without an API key)
 */
public record ToncenterSettings(
        URI baseUrl,
        String wallet,
        Optional<String> apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        int pageSize,
        int firstPollPages,
        Duration pagePause) {
    public static final int MIN_PAGE_SIZE = 2;
    public static final int MAX_PAGE_SIZE = 100;

    public ToncenterSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(pagePause, "pagePause");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "a TON API base URL is http(s)://host[:port]/path, got '" + baseUrl + "'");
        }
        if (wallet.isBlank()) {
            throw new IllegalArgumentException("a receiving wallet address is needed, got a blank one");
        }
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("an API key is not blank; leave it out instead");
        }
        if (!positive(connectTimeout) || !positive(readTimeout)) {
            throw new IllegalArgumentException(
                    "timeouts are > 0, got connect " + connectTimeout + " and read " + readTimeout);
        }
        if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page is " + MIN_PAGE_SIZE + " to " + MAX_PAGE_SIZE
                    + " transactions (each repeats the previous page's last), got " + pageSize);
        }
        if (firstPollPages < 1) {
            throw new IllegalArgumentException("the first poll reads >= 1 page, got " + firstPollPages);
        }
        if (pagePause.isNegative()) {
            throw new IllegalArgumentException("a pause between pages is >= 0, got " + pagePause);
        }
    }

    /**
     * Settings with the defaults: 5 s to connect, 20 s per answer, pages of {@value #MAX_PAGE_SIZE}, a first poll of
     * one page, and a 1.1 s pause between pages without an API key (none with one).
     */
    public static ToncenterSettings of(URI baseUrl, String wallet, Optional<String> apiKey) {
        return new ToncenterSettings(
                baseUrl,
                wallet,
                apiKey,
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                MAX_PAGE_SIZE,
                1,
                apiKey.isPresent() ? Duration.ZERO : Duration.ofMillis(1100));
    }

    /** These settings with {@code pageSize} and {@code firstPollPages} instead. */
    public ToncenterSettings withPaging(int pageSize, int firstPollPages) {
        return new ToncenterSettings(
                baseUrl, wallet, apiKey, connectTimeout, readTimeout, pageSize, firstPollPages, pagePause);
    }

    /** These settings with {@code pagePause} instead. */
    public ToncenterSettings withPagePause(Duration pagePause) {
        return new ToncenterSettings(
                baseUrl, wallet, apiKey, connectTimeout, readTimeout, pageSize, firstPollPages, pagePause);
    }

    /** These settings with {@code readTimeout} instead. */
    public ToncenterSettings withReadTimeout(Duration readTimeout) {
        return new ToncenterSettings(
                baseUrl, wallet, apiKey, connectTimeout, readTimeout, pageSize, firstPollPages, pagePause);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    @Override
    public String toString() {
        // Never the key itself: settings end up in start-up logs.
        return "ToncenterSettings[baseUrl=" + baseUrl + ", wallet=" + wallet + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(none)") + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", pageSize=" + pageSize + ", firstPollPages=" + firstPollPages + ", pagePause="
                + pagePause + "]";
    }
}
