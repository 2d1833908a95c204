/** The people a node serves, identified by Telegram; the store is a port so the domain needs no database. */
package dev.cairn.core.user;
