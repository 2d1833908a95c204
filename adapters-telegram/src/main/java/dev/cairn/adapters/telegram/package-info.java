/**
 * Telegram and TON, behind core's ports: the embedded bots ({@code bot}), Stars invoices and refunds ({@code stars}),
 * and TON payment verification through a toncenter-compatible HTTP API ({@code ton}).
 */
package dev.cairn.adapters.telegram;
