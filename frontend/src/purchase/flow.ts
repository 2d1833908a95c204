// A purchase on the content page as a small state machine, pure so that Vitest walks every path without a browser,
// a wallet or Telegram. The DOM wiring (pages/purchase.ts) feeds it events and renders what it says.
//
//   idle ─start→ creating ─created→ awaiting_payment ─paid→ confirming ─licensed→ owned
//                    │                   │  └─cancelled→ idle           ├─expired/refunded→ failed
//                    └─refused→ failed   └─payment_failed→ failed       └─timeout→ failed
//
// `failed` and `cancelled` take a new `start`; `owned` is the end (the page then shows the licensed content).

import type { PurchaseIntent, PurchaseMethod } from "../api/types";

export type PurchaseState =
  | { phase: "idle" }
  | { phase: "creating"; method: PurchaseMethod }
  | { phase: "awaiting_payment"; method: PurchaseMethod; intent: PurchaseIntent }
  | { phase: "confirming"; method: PurchaseMethod; intent: PurchaseIntent }
  | { phase: "owned"; method: PurchaseMethod; intent: PurchaseIntent | null }
  | { phase: "failed"; method: PurchaseMethod; code: string; detail?: string };

export type PurchaseEvent =
  | { type: "start"; method: PurchaseMethod }
  | { type: "created"; intent: PurchaseIntent }
  /** The node refused to create the intent, or could not be reached: an ApiError's code or `network`. */
  | { type: "refused"; code: string; detail?: string }
  /** Telegram's invoice closed `paid` or `pending`, or the wallet sent the TON transaction. */
  | { type: "paid" }
  /** The buyer closed the invoice or the wallet without paying. */
  | { type: "cancelled" }
  /** Telegram's invoice closed `failed`, or the wallet failed to send. */
  | { type: "payment_failed"; code: string; detail?: string }
  /** A `GET /api/v1/purchases/{id}` answer. */
  | { type: "polled"; intent: PurchaseIntent }
  | { type: "timeout" };

export const IDLE: PurchaseState = { phase: "idle" };

/** Whether a purchase is under way: the buttons are disabled and no second one may start. */
export function inFlight(
  state: PurchaseState,
): state is Extract<PurchaseState, { phase: "creating" | "awaiting_payment" | "confirming" }> {
  return state.phase === "creating" || state.phase === "awaiting_payment" || state.phase === "confirming";
}

/** The next state; an event that does not fit the current phase leaves it unchanged (a late callback, say). */
export function transition(state: PurchaseState, event: PurchaseEvent): PurchaseState {
  switch (event.type) {
    case "start":
      return state.phase === "idle" || state.phase === "failed" ? { phase: "creating", method: event.method } : state;
    case "created":
      if (state.phase !== "creating") {
        return state;
      }
      return event.intent.licensed
        ? { phase: "owned", method: state.method, intent: event.intent }
        : { phase: "awaiting_payment", method: state.method, intent: event.intent };
    case "refused":
      if (state.phase !== "creating") {
        return state;
      }
      // Bought already (another device, an earlier attempt): nothing to pay, the page shows it owned.
      if (event.code === "already_licensed") {
        return { phase: "owned", method: state.method, intent: null };
      }
      return failed(state.method, event.code, event.detail);
    case "paid":
      return state.phase === "awaiting_payment" ? { phase: "confirming", method: state.method, intent: state.intent } : state;
    case "cancelled":
      return state.phase === "awaiting_payment" ? IDLE : state;
    case "payment_failed":
      return state.phase === "awaiting_payment" ? failed(state.method, event.code, event.detail) : state;
    case "polled": {
      if (state.phase !== "confirming" && state.phase !== "awaiting_payment") {
        return state;
      }
      const settled = settle(event.intent);
      if (settled === "owned") {
        return { phase: "owned", method: state.method, intent: event.intent };
      }
      if (settled !== null) {
        return failed(state.method, settled);
      }
      // Outside Telegram the buyer pays elsewhere; a paid intent seen while waiting moves on to confirming.
      return event.intent.status === "paid"
        ? { phase: "confirming", method: state.method, intent: event.intent }
        : { ...state, intent: event.intent };
    }
    case "timeout":
      return state.phase === "confirming" || state.phase === "awaiting_payment" ? failed(state.method, "confirm_timeout") : state;
  }
}

function failed(method: PurchaseMethod, code: string, detail?: string): PurchaseState {
  return detail === undefined ? { phase: "failed", method, code } : { phase: "failed", method, code, detail };
}

/**
 * What a polled intent means: `owned` once licensed (even while the status still says paid), a failure code for a
 * terminal status without a license, null while it may still come.
 */
export function settle(intent: PurchaseIntent): "owned" | "intent_expired" | "intent_refunded" | null {
  if (intent.licensed) {
    return "owned";
  }
  if (intent.status === "expired") {
    return "intent_expired";
  }
  if (intent.status === "refunded") {
    return "intent_refunded";
  }
  return null;
}

/** How long to wait between polls: 1 s, growing by half each time, at most 8 s (a TON block takes ~5 s). */
export function pollDelay(attempt: number): number {
  return Math.min(8000, Math.round(1000 * 1.5 ** Math.max(0, attempt)));
}

/** How long confirming may take before the page gives up asking (the payment may still land; My content shows it). */
export const CONFIRM_TIMEOUT_MS = 5 * 60 * 1000;

export interface PollPorts {
  fetch: () => Promise<PurchaseIntent>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Stops the loop (the page was left): the answer is then null. */
  stopped?: () => boolean;
}

/**
 * Asks for the intent until it settles (licensed, expired or refunded) or `timeoutMs` passes, backing off between
 * asks. A failed ask (the network, a 5xx) is retried like a pending answer; `onIntent` sees every answer.
 * Resolves with the last answer and whether it settled; null when stopped.
 */
export async function pollUntilSettled(
  ports: PollPorts,
  onIntent: (intent: PurchaseIntent) => void,
  timeoutMs = CONFIRM_TIMEOUT_MS,
): Promise<{ intent: PurchaseIntent | null; settled: boolean } | null> {
  const deadline = ports.now() + timeoutMs;
  let last: PurchaseIntent | null = null;
  for (let attempt = 0; ; attempt++) {
    if (ports.stopped?.()) {
      return null;
    }
    try {
      last = await ports.fetch();
      if (ports.stopped?.()) {
        return null;
      }
      onIntent(last);
      if (settle(last) !== null) {
        return { intent: last, settled: true };
      }
    } catch {
      // a lost answer says nothing about the payment: ask again
    }
    const wait = pollDelay(attempt);
    if (ports.now() + wait > deadline) {
      return { intent: last, settled: false };
    }
    await ports.sleep(wait);
  }
}

/** The TON Connect transaction for an intent: one message, valid until the intent expires and at most 10 minutes. */
export function tonTransaction(
  intent: PurchaseIntent,
  payload: string,
  nowMs: number,
): { validUntil: number; messages: { address: string; amount: string; payload: string }[] } {
  const ton = intent.ton;
  if (!ton) {
    throw new Error(`intent ${intent.intent_id} has no TON transfer`);
  }
  const expires = Date.parse(intent.expires_at);
  const limit = nowMs + 10 * 60 * 1000;
  const until = Number.isNaN(expires) ? limit : Math.min(expires, limit);
  return {
    validUntil: Math.floor(until / 1000),
    messages: [{ address: ton.address, amount: ton.amount, payload }],
  };
}

/** What the buyer is told for a failure code: the node's error codes and the flow's own. */
export function purchaseErrorText(code: string, detail?: string): string {
  switch (code) {
    case "content_not_found":
      return "This content is no longer on this node.";
    case "own_content":
      return "You uploaded this content: there is nothing to buy.";
    case "not_for_sale":
      return "This content is not for sale any more.";
    case "payments_unavailable":
      return "Payments are unavailable on this node right now. Try again later.";
    case "invoice_failed":
      return "The Stars payment did not go through.";
    case "wallet_failed":
      return `The wallet did not send the payment${detail ? `: ${detail}` : "."}`;
    case "ton_unavailable":
      return `TON Connect could not start${detail ? `: ${detail}` : "."}`;
    case "intent_expired":
      return "The payment did not arrive before the purchase expired. Nothing was bought; try again.";
    case "intent_refunded":
      return "The payment was refunded, so no license was granted.";
    case "confirm_timeout":
      return "The payment is not confirmed yet. If you paid, the content will show as yours once it is (see My content).";
    case "network":
      return `Could not reach the node${detail ? `: ${detail}` : "."}`;
    default:
      if (code.startsWith("auth_") || code === "http_401") {
        return "Telegram did not confirm who you are. Reopen the app from Telegram and try again.";
      }
      return `The purchase was refused (${code}).`;
  }
}
