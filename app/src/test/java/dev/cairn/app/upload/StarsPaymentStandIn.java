package dev.cairn.app.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.adapters.telegram.FakeBotApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's payment sheet, for the browser test: {@code POST /pay} with {@code {"link", "user_id"}} (what the page's
 * emulated {@code openInvoice} was given) pays that invoice as Telegram would: it asks the node's client bot the
 * {@code pre_checkout_query} through the loopback Bot API, and only if the bot accepts delivers the {@code
 * successful_payment}. 200 when paid, 409 when the bot refused, 400 for a link that is not one of the bot's invoices.
 */
final class StarsPaymentStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK_PREFIX = "https://t.me/$invoice-";

    private final HttpServer server;
    private final FakeBotApi telegram;
    private final AtomicInteger paid = new AtomicInteger();

    private StarsPaymentStandIn(HttpServer server, FakeBotApi telegram) {
        this.server = server;
        this.telegram = telegram;
    }

    static StarsPaymentStandIn start(FakeBotApi telegram) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var standIn = new StarsPaymentStandIn(server, telegram);
        server.createContext("/pay", standIn::pay);
        server.start();
        return standIn;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/pay";
    }

    /** How many invoices were paid. */
    int paid() {
        return paid.get();
    }

    private synchronized void pay(HttpExchange exchange) throws IOException {
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String link = body.path("link").asText();
            long user = body.path("user_id").asLong();
            if (!link.startsWith(LINK_PREFIX) || user <= 0) {
                answer(exchange, 400, "not an invoice link of the bot's, or no user");
                return;
            }
            String payload = link.substring(LINK_PREFIX.length());
            var invoice = telegram.calls("createInvoiceLink").stream()
                    .filter(c -> payload.equals(c.param("payload")))
                    .reduce((first, second) -> second)
                    .orElse(null);
            if (invoice == null) {
                answer(exchange, 400, "the bot made no invoice " + payload);
                return;
            }
            long amount = amount(invoice);
            int answered = telegram.calls("answerPreCheckoutQuery").size();
            String query = telegram.pushPreCheckout(user, "XTR", amount, payload);
            var answer = telegram.awaitCall("answerPreCheckoutQuery", answered + 1, Duration.ofSeconds(10));
            if (!query.equals(answer.param("pre_checkout_query_id")) || !"true".equals(answer.param("ok"))) {
                answer(exchange, 409, "the bot refused the checkout: " + answer.param("error_message"));
                return;
            }
            telegram.pushSuccessfulPayment(user, "XTR", amount, payload, "browser-charge-" + payload);
            paid.incrementAndGet();
            answer(exchange, 200, "paid");
        } catch (Exception e) {
            answer(exchange, 500, e.toString());
        } finally {
            exchange.close();
        }
    }

    /** The invoice's one price, from the {@code prices} parameter the bot sent ({@code [{"label","amount"}]}). */
    private static long amount(FakeBotApi.Call invoice) throws IOException {
        return JSON.readTree(invoice.param("prices")).get(0).get("amount").asLong();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
