/** Telegram pushing bot updates to the node (webhook mode). */
package dev.cairn.adapters.http.telegram;
