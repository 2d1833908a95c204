import { Cell } from "@ton/core";
import { Buffer } from "buffer";
import { describe, expect, it } from "vitest";
import { commentPayload } from "./ton-comment";

// Derived once by hand, then confirmed against @ton/core: the bag of cells of one cell holding a 26-character comment.
//   b5ee9c72        magic of a serialized bag of cells
//   41              flags: no index, a CRC32C at the end (0x40), one byte per cell reference (size_bytes = 1)
//   01              offset_bytes = 1
//   01 01 00        one cell, one root, no absent cells
//   20              32 bytes of cell data in all
//   00              the root is cell 0
//   00 3c           cell descriptors: no refs, ordinary, level 0; 240 bits = 30 whole bytes (2 × 30 = 0x3c)
//   00000000        op = 0: a text comment
//   6162…7a         "abcdefghijklmnopqrstuvwxyz" in UTF-8
//   34f27d1c        CRC32C of everything before it, little-endian
const COMMENT = "abcdefghijklmnopqrstuvwxyz";
const EXPECTED = "te6cckEBAQEAIAAAPAAAAABhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejTyfRw=";

/** CRC-32C (Castagnoli, reflected polynomial 0x82f63b78), bit by bit: an independent check of the BOC's trailer. */
function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("commentPayload", () => {
  it("serializes a text comment as the fixed bag of cells derived above", () => {
    expect(commentPayload(COMMENT)).toBe(EXPECTED);
  });

  it("has the layout explained above, with a valid CRC32C trailer", () => {
    const bytes = Buffer.from(commentPayload(COMMENT), "base64");
    expect(hex(bytes.subarray(0, 13))).toBe("b5ee9c7241010101002000003c");
    expect(hex(bytes.subarray(13, 17))).toBe("00000000");
    expect(new TextDecoder().decode(bytes.subarray(17, 43))).toBe(COMMENT);
    expect(bytes.readUInt32LE(43)).toBe(crc32c(bytes.subarray(0, 43)));
    expect(bytes).toHaveLength(47);
  });

  it("reads back as op 0 and the comment, UTF-8 included", () => {
    for (const comment of [COMMENT, "покупка ★"]) {
      const slice = Cell.fromBase64(commentPayload(comment)).beginParse();
      expect(slice.loadUint(32)).toBe(0);
      expect(slice.loadStringTail()).toBe(comment);
    }
  });
});
