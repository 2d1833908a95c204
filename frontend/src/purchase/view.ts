import type { PurchaseMethod, PurchaseOption } from "../api/types";
import { purchaseLabel } from "../view";
import { inFlight, purchaseErrorText, type PurchaseState } from "./flow";

/** One purchase button: its label, whether it may be pressed, whether it is the one under way. */
export interface PurchaseButton {
  method: PurchaseMethod;
  label: string;
  disabled: boolean;
  busy: boolean;
}

/** What the purchase row shows for the offered options and the purchase's state; pure. */
export interface PurchaseRowModel {
  /** One row, Stars first; empty once owned. */
  buttons: PurchaseButton[];
  /** The owned state that replaces the buttons. */
  owned: boolean;
  message: { kind: "hint" | "error"; text: string } | null;
  /** Outside Telegram: the Stars invoice to open in Telegram. */
  invoiceLink: string | null;
}

export function purchaseRowModel(options: PurchaseOption[], state: PurchaseState, canOpenInvoice: boolean): PurchaseRowModel {
  if (state.phase === "owned") {
    return { buttons: [], owned: true, message: null, invoiceLink: null };
  }
  const active = inFlight(state) ? state.method : null;
  const busy = active !== null;
  const buttons = options.map((option) => ({
    method: option.method,
    label: active === option.method ? `${purchaseLabel(option)} …` : purchaseLabel(option),
    disabled: busy,
    busy: active === option.method,
  }));
  const outsideTelegram = state.phase === "awaiting_payment" && state.method === "stars" && !canOpenInvoice;
  return {
    buttons,
    owned: false,
    message: message(state, outsideTelegram),
    invoiceLink: outsideTelegram && state.phase === "awaiting_payment" ? state.intent.invoice_link ?? null : null,
  };
}

function message(state: PurchaseState, outsideTelegram: boolean): PurchaseRowModel["message"] {
  switch (state.phase) {
    case "idle":
    case "owned":
      return null;
    case "creating":
      return { kind: "hint", text: "Starting the purchase…" };
    case "awaiting_payment":
      if (outsideTelegram) {
        return { kind: "hint", text: "Stars are paid in Telegram: open this invoice there. This page updates once it is paid." };
      }
      return { kind: "hint", text: state.method === "stars" ? "Waiting for the Stars payment…" : "Connect a wallet if asked, then confirm the payment in it…" };
    case "confirming":
      return { kind: "hint", text: "Payment sent; waiting for the node to confirm it…" };
    case "failed":
      return { kind: "error", text: purchaseErrorText(state.code, state.detail) };
  }
}
