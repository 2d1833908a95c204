import { ApiError, type CairnApi } from "../api/client";
import type { PurchaseIntent, PurchaseMethod, PurchaseOption } from "../api/types";
import { h } from "../dom";
import { IDLE, inFlight, pollUntilSettled, transition, type PurchaseEvent, type PurchaseState } from "../purchase/flow";
import type { TonOutcome } from "../purchase/ton-connect";
import { purchaseRowModel } from "../purchase/view";
import type { TelegramWebApp } from "../telegram/webapp";

/** What a purchase needs from outside the page: Telegram's bridge (for invoices) and TON Connect's manifest. */
export interface PurchaseEnv {
  telegram: TelegramWebApp | null;
  manifestUrl: string;
}

/** The node's TON Connect manifest, on the node that served the app. */
export function defaultManifestUrl(): string {
  return `${location.origin}/tonconnect-manifest.json`;
}

/**
 * The purchase row of a content page: one button per option, a message line, and the purchase flow behind them.
 * It outlives the page's re-renders (the page re-appends `element`), so a purchase under way survives a poll of
 * content.view. `onOwned` is called once the license is granted: the page then asks content.view again.
 */
export function purchaseRow(
  api: CairnApi,
  contentId: string,
  env: PurchaseEnv,
  onOwned: () => void,
): { element: HTMLElement; update: (options: PurchaseOption[]) => void; dispose: () => void } {
  const element = h("div", { id: "purchase" });
  let options: PurchaseOption[] = [];
  let state: PurchaseState = IDLE;
  let disposed = false;
  // Each start gets a generation; a poll of an abandoned attempt stops when it sees a newer one.
  let generation = 0;

  const dispatch = (event: PurchaseEvent): void => {
    if (disposed) {
      return;
    }
    const before = state;
    state = transition(state, event);
    if (state === before) {
      return;
    }
    paint();
    if (state.phase === "owned") {
      onOwned();
    }
  };

  const paint = (): void => {
    const model = purchaseRowModel(options, state, typeof env.telegram?.openInvoice === "function");
    const parts: Node[] = [];
    if (model.owned) {
      parts.push(h("p", { class: "owned", id: "owned" }, "You own this."));
    } else if (model.buttons.length > 0) {
      parts.push(
        h(
          "div",
          { class: "purchases section", id: "purchases", "aria-busy": String(inFlight(state)) },
          ...model.buttons.map((b) => {
            const button = h("button", { type: "button", "data-method": b.method, title: b.label }, b.label);
            button.disabled = b.disabled;
            if (b.busy) {
              button.dataset.busy = "true";
            }
            button.addEventListener("click", () => void start(b.method));
            return button;
          }),
        ),
      );
    }
    if (model.message) {
      parts.push(
        h(
          "p",
          { class: model.message.kind, id: "purchase-message", "data-phase": state.phase, role: model.message.kind === "error" ? "alert" : "status" },
          model.message.text,
        ),
      );
    }
    if (model.invoiceLink) {
      parts.push(h("p", {}, h("a", { id: "invoice-link", href: model.invoiceLink, target: "_blank", rel: "noopener" }, model.invoiceLink)));
    }
    element.replaceChildren(...parts);
  };

  const start = async (method: PurchaseMethod): Promise<void> => {
    if (inFlight(state) || state.phase === "owned") {
      return;
    }
    const mine = ++generation;
    dispatch({ type: "start", method });
    let intent: PurchaseIntent;
    try {
      intent = await api.createPurchase(contentId, method);
    } catch (error) {
      dispatch(
        error instanceof ApiError
          ? { type: "refused", code: error.code }
          : { type: "refused", code: "network", detail: error instanceof Error ? error.message : String(error) },
      );
      return;
    }
    dispatch({ type: "created", intent });
    // `state` is reassigned by dispatch; TypeScript keeps the narrowing from above, so widen it again.
    if ((state as PurchaseState).phase !== "awaiting_payment") {
      return;
    }
    if (method === "stars") {
      payWithStars(intent, mine);
    } else {
      await payWithTon(intent, mine);
    }
  };

  const payWithStars = (intent: PurchaseIntent, mine: number): void => {
    const telegram = env.telegram;
    if (!intent.invoice_link) {
      dispatch({ type: "payment_failed", code: "invoice_failed" });
      return;
    }
    if (!telegram || typeof telegram.openInvoice !== "function") {
      // Outside Telegram the row shows the invoice link; the page learns of the payment by polling.
      void confirm(intent, mine);
      return;
    }
    telegram.openInvoice(intent.invoice_link, (status) => {
      if (mine !== generation) {
        return;
      }
      if (status === "paid" || status === "pending") {
        // `pending`: Telegram is still processing it; the node's answer decides.
        dispatch({ type: "paid" });
        void confirm(intent, mine);
      } else if (status === "cancelled") {
        dispatch({ type: "cancelled" });
      } else {
        dispatch({ type: "payment_failed", code: "invoice_failed" });
      }
    });
  };

  const payWithTon = async (intent: PurchaseIntent, mine: number): Promise<void> => {
    let outcome: TonOutcome;
    try {
      // Loaded on the first TON press only, as two chunks fetched in parallel: TON Connect's UI and @ton/core are
      // most of the app's weight and the first paint needs neither. The payload is built before any wallet modal.
      const [{ payWithTon }, { commentPayload }] = await Promise.all([
        import("../purchase/ton-connect"),
        import("../purchase/ton-comment"),
      ]);
      const payload = commentPayload(intent.ton?.comment ?? intent.intent_id);
      outcome = await payWithTon(intent, payload, env.manifestUrl);
    } catch (error) {
      outcome = { kind: "failed", code: "ton_unavailable", detail: error instanceof Error ? error.message : String(error) };
    }
    if (mine !== generation) {
      return;
    }
    if (outcome.kind === "sent") {
      dispatch({ type: "paid" });
      await confirm(intent, mine);
    } else if (outcome.kind === "cancelled") {
      dispatch({ type: "cancelled" });
    } else {
      dispatch({ type: "payment_failed", code: outcome.code, detail: outcome.detail });
    }
  };

  const confirm = async (intent: PurchaseIntent, mine: number): Promise<void> => {
    const result = await pollUntilSettled(
      {
        fetch: () => api.purchase(intent.intent_id),
        sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
        now: () => Date.now(),
        stopped: () => disposed || mine !== generation || !inFlight(state),
      },
      (answer) => dispatch({ type: "polled", intent: answer }),
    );
    if (result && !result.settled) {
      dispatch({ type: "timeout" });
    }
  };

  return {
    element,
    update: (next) => {
      options = next;
      paint();
    },
    dispose: () => {
      disposed = true;
    },
  };
}
