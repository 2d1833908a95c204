/** The http adapter of Cairn's core ports. */
package dev.cairn.adapters.http;
