/**
 * Who is calling: Telegram Mini App {@code initData} validation as Telegram specifies it, and the local-mode policy
 * that lets a node on a private network be tried without Telegram. JDK only; the HTTP adapter maps every
 * {@link dev.cairn.core.auth.AuthenticationException} to 401 with its reason's code. See {@code docs/authentication.md}.
 */
package dev.cairn.core.auth;
