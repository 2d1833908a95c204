package dev.cairn.adapters.http.purchase;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.payment.PurchaseIntent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A purchase as the API shows it. Amounts are decimal strings: nanoton amounts exceed what JavaScript numbers hold
 * exactly. {@code invoice_link} is present only in the answer that created a Stars purchase; {@code ton} only for TON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurchaseBody(
        String intentId,
        String contentId,
        String method,
        String amount,
        String currency,
        String status,
        String expiresAt,
        boolean licensed,
        String invoiceLink,
        Ton ton) {

    /** How to pay a TON purchase: send {@code amount} nanotons to {@code address} with {@code comment} as the text. */
    public record Ton(String address, String amount, String comment, String transferUrl) {}

    static PurchaseBody of(PurchaseIntent intent, Optional<String> invoiceLink, Optional<String> tonAddress) {
        Ton ton = intent.method() == PaymentMethod.TON
                ? tonAddress.map(address -> ton(address, intent)).orElse(null)
                : null;
        return new PurchaseBody(
                intent.id(),
                intent.content().hex(),
                intent.method().wire(),
                Long.toString(intent.amount()),
                intent.currency(),
                intent.status().wire(),
                intent.expiresAt().toString(),
                intent.licensed(),
                invoiceLink.orElse(null),
                ton);
    }

    private static Ton ton(String address, PurchaseIntent intent) {
        String amount = Long.toString(intent.amount());
        String url = "ton://transfer/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "?amount=" + amount
                + "&text=" + intent.id();
        return new Ton(address, amount, intent.id(), url);
    }
}
