// @ton/core is written for Node and reaches for the global `Buffer`; browsers have none. Imported before @ton/core
// (module evaluation follows import order), and only by the lazily loaded TON chunk.
import { Buffer } from "buffer";

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= Buffer;
