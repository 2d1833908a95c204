/** Purchases over HTTP: the Mini App starts a purchase, pays it (Stars invoice, TON Connect) and waits for its license. */
package dev.cairn.adapters.http.purchase;
