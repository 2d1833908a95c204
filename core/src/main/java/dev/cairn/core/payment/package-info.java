/**
 * Purchases: an intent to buy a content, its settlement by a Telegram Stars payment or a TON transfer, the license it
 * grants, refunds, and the recovery of a payment whose license was never granted. Telegram and the TON network are
 * ports ({@link dev.cairn.core.payment.StarsGateway}, {@link dev.cairn.core.payment.TonTransfers}); adapters-telegram
 * implements them.
 */
package dev.cairn.core.payment;
