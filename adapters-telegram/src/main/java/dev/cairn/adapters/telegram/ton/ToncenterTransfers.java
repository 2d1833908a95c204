package dev.cairn.adapters.telegram.ton;

import dev.cairn.core.payment.IncomingTransfer;
import dev.cairn.core.payment.TonTransfers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The receiving wallet's incoming transfers from a toncenter-compatible v2 API ({@code GET /getTransactions}).
 *
 * <p>The API answers newest first, a page at a time; the next page starts at the last transaction's {@code (lt,
 * hash)}, which it repeats. A poll reads pages back until it reaches {@code afterLt} (passed as {@code to_lt} too, so
 * the API stops there) or the history ends, and returns what it found oldest first. With no {@code afterLt} (nothing
 * logged yet) it reads only {@link ToncenterSettings#firstPollPages()}: the newest part of a long history. An error
 * anywhere fails the whole poll, so the caller's cursor does not move and the next poll reads the same range again.
 */
public final class ToncenterTransfers implements TonTransfers, AutoCloseable {
    private final ToncenterSettings settings;
    private final HttpClient http;

    public ToncenterTransfers(ToncenterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public String receivingAddress() {
        return settings.wallet();
    }

    @Override
    public List<IncomingTransfer> after(OptionalLong afterLt) throws IOException {
        Objects.requireNonNull(afterLt, "afterLt");
        long toLt = afterLt.orElse(0);
        int maxPages = afterLt.isPresent() ? Integer.MAX_VALUE : settings.firstPollPages();
        Map<String, IncomingTransfer> found = new LinkedHashMap<>();
        Set<String> read = new HashSet<>();
        ToncenterJson.Transaction cursor = null;
        for (int page = 0; page < maxPages; page++) {
            if (page > 0) {
                pause();
            }
            List<ToncenterJson.Transaction> txs = fetch(cursor, toLt);
            boolean fresh = false;
            boolean reached = false;
            for (ToncenterJson.Transaction tx : txs) {
                if (afterLt.isPresent() && tx.lt() <= toLt) {
                    // An API that ignores to_lt: everything from here on is older, and was read before.
                    reached = true;
                } else if (read.add(tx.hash())) {
                    fresh = true;
                    tx.incoming().ifPresent(t -> found.putIfAbsent(t.hash(), t));
                }
            }
            // toncenter's end of history is a short page; a page of nothing new (only the repeated cursor) is too.
            if (reached || !fresh || txs.size() < settings.pageSize()) {
                break;
            }
            cursor = txs.getLast();
        }
        List<IncomingTransfer> oldestFirst = new ArrayList<>(found.values());
        oldestFirst.sort(Comparator.comparingLong(IncomingTransfer::lt));
        return oldestFirst;
    }

    private List<ToncenterJson.Transaction> fetch(ToncenterJson.Transaction cursor, long toLt) throws IOException {
        StringJoiner query = new StringJoiner("&");
        query.add("address=" + encode(settings.wallet()));
        query.add("limit=" + settings.pageSize());
        if (cursor != null) {
            query.add("lt=" + cursor.lt());
            query.add("hash=" + encode(cursor.hash()));
        }
        query.add("to_lt=" + toLt);
        query.add("archival=true");
        URI uri = URI.create(base() + "/getTransactions?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Accept", "application/json")
                .GET();
        settings.apiKey().ifPresent(key -> request.header("X-API-Key", key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking the TON API for " + path(uri));
        }
        int status = response.statusCode();
        if (status != 200) {
            String kind = status == 429 ? " (rate limited)" : "";
            throw new IOException("the TON API answered HTTP " + status + kind + " to " + path(uri) + ": "
                    + ToncenterJson.errorOf(response.body()));
        }
        return ToncenterJson.page(response.body());
    }

    private String base() {
        String base = settings.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The request without its query: the wallet address need not be in every log line. */
    private static String path(URI uri) {
        return "GET " + uri.getPath();
    }

    private void pause() throws InterruptedIOException {
        if (settings.pagePause().isZero()) {
            return;
        }
        try {
            Thread.sleep(settings.pagePause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between two pages of TON transactions");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
