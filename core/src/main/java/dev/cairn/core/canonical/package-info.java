/**
 * The canonical byte form of Cairn's signed structures: a JSON value tree, its RFC 8785 (JCS) encoding and a strict
 * parser back into the tree.
 *
 * <p>Cairn's signed structures carry only strings, integers, booleans, null, arrays and objects; bytes travel as
 * lowercase hex (keys, ids, signatures) or unpadded base64url (other payloads). Non-integer numbers are refused on both
 * sides, so no implementation ever has to agree with another on how to print a double. See {@code docs/protocol.md}.
 */
package dev.cairn.core.canonical;
