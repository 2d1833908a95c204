import "./buffer-global";
import { beginCell } from "@ton/core";

/**
 * The payload of a TON transfer that carries a text comment, as wallets and explorers read it: a cell of 32 zero bits
 * (op 0, "text comment") then the comment's UTF-8 bytes, serialized as a bag of cells in base64. The node matches the
 * incoming transfer to the intent by this comment.
 */
export function commentPayload(comment: string): string {
  return beginCell().storeUint(0, 32).storeStringTail(comment).endCell().toBoc().toString("base64");
}
