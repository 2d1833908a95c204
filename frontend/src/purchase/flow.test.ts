import { describe, expect, it } from "vitest";
import type { PurchaseIntent } from "../api/types";
import {
  IDLE,
  inFlight,
  pollDelay,
  pollUntilSettled,
  purchaseErrorText,
  tonTransaction,
  transition,
  type PurchaseEvent,
  type PurchaseState,
} from "./flow";

const ID = "b".repeat(64);

function intent(overrides: Partial<PurchaseIntent> = {}): PurchaseIntent {
  return {
    intent_id: "abcdefghijklmnopqrstuvwxyz",
    content_id: ID,
    method: "stars",
    amount: "50",
    currency: "XTR",
    status: "pending",
    expires_at: "2026-11-26T05:00:00Z",
    licensed: false,
    invoice_link: "https://t.me/$abc",
    ...overrides,
  };
}

function run(...events: PurchaseEvent[]): PurchaseState {
  return events.reduce(transition, IDLE);
}

describe("the purchase state machine", () => {
  it("goes idle → creating → awaiting payment → confirming → owned on a paid Stars invoice", () => {
    const pending = intent();
    const steps = [
      { type: "start", method: "stars" },
      { type: "created", intent: pending },
      { type: "paid" },
      { type: "polled", intent: intent({ status: "paid" }) },
      { type: "polled", intent: intent({ status: "paid", licensed: true }) },
    ] as const;
    const phases = steps.reduce<PurchaseState[]>((states, e) => [...states, transition(states.at(-1) ?? IDLE, e)], []);
    expect(phases.map((s) => s.phase)).toEqual(["creating", "awaiting_payment", "confirming", "confirming", "owned"]);
  });

  it("goes back to idle, quietly, when the buyer closes the invoice or the wallet", () => {
    expect(run({ type: "start", method: "stars" }, { type: "created", intent: intent() }, { type: "cancelled" })).toEqual(IDLE);
  });

  it("fails with the invoice's failure, and a new start is allowed from there", () => {
    const failed = run(
      { type: "start", method: "stars" },
      { type: "created", intent: intent() },
      { type: "payment_failed", code: "invoice_failed" },
    );
    expect(failed).toEqual({ phase: "failed", method: "stars", code: "invoice_failed" });
    expect(transition(failed, { type: "start", method: "ton" })).toEqual({ phase: "creating", method: "ton" });
  });

  it("fails with the node's code when it refuses the intent, except already_licensed, which is owned", () => {
    for (const code of ["own_content", "not_for_sale", "content_not_found", "payments_unavailable", "network"]) {
      expect(run({ type: "start", method: "ton" }, { type: "refused", code })).toEqual({ phase: "failed", method: "ton", code });
    }
    expect(run({ type: "start", method: "ton" }, { type: "refused", code: "already_licensed" }).phase).toBe("owned");
  });

  it("fails on an expired or refunded intent and on a confirmation timeout", () => {
    const confirming = run({ type: "start", method: "ton" }, { type: "created", intent: intent({ method: "ton" }) }, { type: "paid" });
    expect(transition(confirming, { type: "polled", intent: intent({ status: "expired" }) })).toMatchObject({ code: "intent_expired" });
    expect(transition(confirming, { type: "polled", intent: intent({ status: "refunded" }) })).toMatchObject({ code: "intent_refunded" });
    expect(transition(confirming, { type: "timeout" })).toMatchObject({ phase: "failed", code: "confirm_timeout" });
  });

  it("is owned at once when the node answers an intent already licensed", () => {
    expect(run({ type: "start", method: "stars" }, { type: "created", intent: intent({ licensed: true }) }).phase).toBe("owned");
  });

  it("moves from awaiting payment to confirming when a poll sees the intent paid (paid outside the app)", () => {
    const awaiting = run({ type: "start", method: "stars" }, { type: "created", intent: intent() });
    expect(transition(awaiting, { type: "polled", intent: intent() }).phase).toBe("awaiting_payment");
    expect(transition(awaiting, { type: "polled", intent: intent({ status: "paid" }) }).phase).toBe("confirming");
  });

  it("ignores events that do not fit the phase: a second start, a late callback, a poll after the end", () => {
    const creating = run({ type: "start", method: "stars" });
    expect(transition(creating, { type: "start", method: "ton" })).toBe(creating);
    expect(transition(creating, { type: "paid" })).toBe(creating);
    expect(transition(IDLE, { type: "cancelled" })).toBe(IDLE);
    const owned = run({ type: "start", method: "stars" }, { type: "created", intent: intent({ licensed: true }) });
    expect(transition(owned, { type: "polled", intent: intent({ status: "expired" }) })).toBe(owned);
    expect(transition(owned, { type: "start", method: "stars" })).toBe(owned);
  });

  it("is in flight from creating until it settles", () => {
    const states = [
      IDLE,
      run({ type: "start", method: "stars" }),
      run({ type: "start", method: "stars" }, { type: "created", intent: intent() }),
      run({ type: "start", method: "stars" }, { type: "created", intent: intent() }, { type: "paid" }),
      run({ type: "start", method: "stars" }, { type: "refused", code: "not_for_sale" }),
    ];
    expect(states.map(inFlight)).toEqual([false, true, true, true, false]);
  });
});

describe("polling the intent", () => {
  function clock() {
    let now = 0;
    const waits: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      now += ms;
    };
    return { waits, now: () => now, sleep };
  }

  it("backs off from 1 s by half each time up to 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(pollDelay)).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 8000, 8000]);
  });

  it("asks until the intent is licensed, retrying lost answers, and reports every answer", async () => {
    const answers: (PurchaseIntent | Error)[] = [intent(), new Error("offline"), intent({ status: "paid" }), intent({ status: "paid", licensed: true })];
    const c = clock();
    const seen: string[] = [];

    const result = await pollUntilSettled(
      {
        fetch: async () => {
          const next = answers.shift();
          if (next instanceof Error || next === undefined) throw next ?? new Error("none");
          return next;
        },
        sleep: c.sleep,
        now: c.now,
      },
      (i) => seen.push(`${i.status}${i.licensed ? "+licensed" : ""}`),
    );

    expect(result?.settled).toBe(true);
    expect(result?.intent?.licensed).toBe(true);
    expect(seen).toEqual(["pending", "paid", "paid+licensed"]);
    expect(c.waits).toEqual([1000, 1500, 2250]);
  });

  it("stops at an expired intent", async () => {
    const c = clock();
    const result = await pollUntilSettled({ fetch: async () => intent({ status: "expired" }), sleep: c.sleep, now: c.now }, () => {});
    expect(result).toMatchObject({ settled: true, intent: { status: "expired" } });
  });

  it("gives up, unsettled, once the next wait would pass the timeout", async () => {
    const c = clock();
    const result = await pollUntilSettled({ fetch: async () => intent(), sleep: c.sleep, now: c.now }, () => {}, 10_000);
    expect(result).toMatchObject({ settled: false, intent: { status: "pending" } });
    expect(c.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
  });

  it("answers null once stopped (the page was left)", async () => {
    const c = clock();
    let asks = 0;
    const result = await pollUntilSettled({ fetch: async () => (asks++, intent()), sleep: c.sleep, now: c.now, stopped: () => asks >= 2 }, () => {});
    expect(result).toBeNull();
    expect(asks).toBe(2);
  });
});

describe("tonTransaction", () => {
  const ton = { address: "EQwallet", amount: "1500000000", comment: "abcdefghijklmnopqrstuvwxyz", transfer_url: "ton://transfer/EQwallet" };

  it("sends the intent's amount to its address with the payload, valid until the intent expires", () => {
    const now = Date.parse("2026-11-26T04:55:00Z");
    const tx = tonTransaction(intent({ method: "ton", ton }), "PAYLOAD", now);
    expect(tx).toEqual({
      validUntil: Date.parse("2026-11-26T05:00:00Z") / 1000,
      messages: [{ address: "EQwallet", amount: "1500000000", payload: "PAYLOAD" }],
    });
  });

  it("is valid for at most 10 minutes however long the intent lives", () => {
    const now = Date.parse("2026-11-26T04:00:00Z");
    expect(tonTransaction(intent({ method: "ton", ton }), "P", now).validUntil).toBe(now / 1000 + 600);
  });

  it("refuses an intent without a TON transfer", () => {
    expect(() => tonTransaction(intent(), "P", 0)).toThrow(/abcdefghijklmnopqrstuvwxyz/);
  });
});

describe("purchaseErrorText", () => {
  it("has its own words for each of the node's purchase refusals and the flow's failures", () => {
    const codes = [
      "content_not_found", "own_content", "not_for_sale", "payments_unavailable", "invoice_failed", "wallet_failed",
      "ton_unavailable", "intent_expired", "intent_refunded", "confirm_timeout", "network", "auth_bad_hash",
    ];
    const texts = codes.map((code) => purchaseErrorText(code));
    expect(new Set(texts).size).toBe(codes.length);
    expect(texts.every((t) => !t.includes("refused ("))).toBe(true);
  });

  it("names an unknown code", () => {
    expect(purchaseErrorText("invalid_value")).toBe("The purchase was refused (invalid_value).");
    expect(purchaseErrorText("wallet_failed", "Wallet declined")).toMatch(/Wallet declined/);
  });
});
