// TON Connect, loaded only when a buyer presses the TON button (pages/purchase.ts imports this module dynamically):
// @tonconnect/ui (and @ton/core, in ton-comment.ts) are most of the app's weight and the first paint needs neither.
import { TonConnectUI, UserRejectsError } from "@tonconnect/ui";
import type { PurchaseIntent } from "../api/types";
import { tonTransaction } from "./flow";

export type TonOutcome = { kind: "sent" } | { kind: "cancelled" } | { kind: "failed"; code: string; detail: string };

let shared: TonConnectUI | null = null;

/** One TonConnectUI per page load: it keeps the wallet session (in localStorage) and its modal in the document. */
function tonConnect(manifestUrl: string): TonConnectUI {
  shared ??= new TonConnectUI({ manifestUrl });
  return shared;
}

/**
 * Connects a wallet when none is, then asks it to send the intent's transfer with `payload` (the comment's BOC, from
 * ton-comment.ts: a chunk of its own, loaded beside this one).
 */
export async function payWithTon(
  intent: PurchaseIntent,
  payload: string,
  manifestUrl: string,
  now: () => number = Date.now,
): Promise<TonOutcome> {
  let ui: TonConnectUI;
  try {
    ui = tonConnect(manifestUrl);
    await ui.connectionRestored;
  } catch (error) {
    return { kind: "failed", code: "ton_unavailable", detail: messageOf(error) };
  }
  if (!ui.connected && !(await connectWallet(ui))) {
    return { kind: "cancelled" };
  }
  try {
    await ui.sendTransaction(tonTransaction(intent, payload, now()));
    return { kind: "sent" };
  } catch (error) {
    if (error instanceof UserRejectsError) {
      return { kind: "cancelled" };
    }
    return { kind: "failed", code: "wallet_failed", detail: messageOf(error) };
  }
}

/** Opens TON Connect's wallet list; true once a wallet connects, false when the buyer closes it or the wallet refuses. */
function connectWallet(ui: TonConnectUI): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const unsubscribers: (() => void)[] = [];
    const done = (connected: boolean): void => {
      if (!settled) {
        settled = true;
        unsubscribers.forEach((off) => off());
        resolve(connected);
      }
    };
    unsubscribers.push(
      ui.onStatusChange(
        (wallet) => wallet && done(true),
        () => done(false),
      ),
      // 'wallet-selected' also closes the modal, before the wallet app answers: only a cancel ends the wait here.
      ui.onModalStateChange((state) => state.status === "closed" && state.closeReason === "action-cancelled" && done(false)),
    );
    ui.openModal().catch(() => done(false));
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
