/** The node's log format: one JSON object per line for machines, or a text line for people (see logback.xml). */
package dev.cairn.app.logging;
