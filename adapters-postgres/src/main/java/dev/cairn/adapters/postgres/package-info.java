/** The postgres adapter of Cairn's core ports. */
package dev.cairn.adapters.postgres;
