import { describe, expect, it } from "vitest";
import type { PurchaseIntent, PurchaseOption } from "../api/types";
import { IDLE, type PurchaseState } from "./flow";
import { purchaseRowModel } from "./view";

const OPTIONS: PurchaseOption[] = [
  { method: "stars", amount: 50, currency: "XTR" },
  { method: "ton", amount: 1_500_000_000, currency: "TON" },
];
const INTENT: PurchaseIntent = {
  intent_id: "abcdefghijklmnopqrstuvwxyz",
  content_id: "c".repeat(64),
  method: "stars",
  amount: "50",
  currency: "XTR",
  status: "pending",
  expires_at: "2026-11-26T05:00:00Z",
  licensed: false,
  invoice_link: "https://t.me/$abc",
};

describe("purchaseRowModel", () => {
  it("shows every offered option as an enabled button, in order, with no message while idle", () => {
    const model = purchaseRowModel(OPTIONS, IDLE, true);
    expect(model.buttons).toEqual([
      { method: "stars", label: "50 ★ Stars", disabled: false, busy: false },
      { method: "ton", label: "1.5 TON", disabled: false, busy: false },
    ]);
    expect(model.message).toBeNull();
    expect(model.owned).toBe(false);
  });

  it("disables both buttons while a purchase is in flight and marks the one under way", () => {
    const states: PurchaseState[] = [
      { phase: "creating", method: "ton" },
      { phase: "awaiting_payment", method: "ton", intent: { ...INTENT, method: "ton" } },
      { phase: "confirming", method: "ton", intent: { ...INTENT, method: "ton" } },
    ];
    for (const state of states) {
      const model = purchaseRowModel(OPTIONS, state, true);
      expect(model.buttons.map((b) => [b.method, b.disabled, b.busy])).toEqual([
        ["stars", true, false],
        ["ton", true, true],
      ]);
      expect(model.message?.kind).toBe("hint");
    }
  });

  it("replaces the buttons with the owned state once owned", () => {
    const model = purchaseRowModel(OPTIONS, { phase: "owned", method: "stars", intent: { ...INTENT, licensed: true } }, true);
    expect(model).toEqual({ buttons: [], owned: true, message: null, invoiceLink: null });
  });

  it("shows the failure as an error line and enables the buttons again", () => {
    const model = purchaseRowModel(OPTIONS, { phase: "failed", method: "stars", code: "payments_unavailable" }, true);
    expect(model.buttons.every((b) => !b.disabled)).toBe(true);
    expect(model.message).toEqual({ kind: "error", text: "Payments are unavailable on this node right now. Try again later." });
  });

  it("outside Telegram offers the Stars invoice link to open there, and only then", () => {
    const awaiting: PurchaseState = { phase: "awaiting_payment", method: "stars", intent: INTENT };
    expect(purchaseRowModel(OPTIONS, awaiting, false).invoiceLink).toBe("https://t.me/$abc");
    expect(purchaseRowModel(OPTIONS, awaiting, false).message?.text).toMatch(/open this invoice/);
    expect(purchaseRowModel(OPTIONS, awaiting, true).invoiceLink).toBeNull();
    expect(purchaseRowModel(OPTIONS, IDLE, false).invoiceLink).toBeNull();
  });

  it("shows only the options the content is offered in", () => {
    const model = purchaseRowModel([OPTIONS[1] as PurchaseOption], IDLE, true);
    expect(model.buttons.map((b) => b.method)).toEqual(["ton"]);
  });
});
