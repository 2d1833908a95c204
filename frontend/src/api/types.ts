// The node's JSON shapes, as docs/api.md and the OpenAPI document describe them (snake_case members).

export type ContentKind = "audio" | "video" | "image" | "binary";
export type ContentStatus = "pending" | "processing" | "ready" | "failed" | "unavailable";
export type DerivativeKind = "preview" | "low" | "high" | "cover" | "original";
export type DisplayAction = "play" | "show" | "download";
export type License = "owner" | "licensed" | "unlicensed";

export interface Derivative {
  kind: DerivativeKind;
  status: ContentStatus;
  progress_percent: number;
  failure_reason?: string;
}

export interface DisplayOption {
  kind: DerivativeKind;
  action: DisplayAction;
  decrypted: boolean;
  mime_type: string;
  size: number;
  url: string;
  expires_at?: number;
}

export type PurchaseOption =
  | { method: "stars"; amount: number; currency: "XTR" }
  | { method: "ton"; amount: number; currency: "TON" };

/** `GET /api/v1/content.view/{content_id}`. */
export interface ContentView {
  content_id: string;
  title: string;
  kind: ContentKind;
  mime_type: string;
  size: number;
  duration_ms?: number;
  cover_url?: string;
  status: ContentStatus;
  derivatives: Derivative[];
  display_options: DisplayOption[];
  downloadable: boolean;
  license: License;
  purchase_options: PurchaseOption[];
  metrics_recorded?: boolean;
}

/** Every error answer of the node, whatever the route. */
export interface ApiErrorBody {
  code: string;
  message: string;
  error_id: string;
  session_id: string;
}

/** An entry of `account.contents`: `created_at` (uploads) or `granted_at` (purchases), milliseconds since the epoch. */
export interface ListedContent {
  content_id: string;
  title: string;
  kind: ContentKind;
  status: ContentStatus;
  created_at?: number;
  granted_at?: number;
}

/** `GET /api/v1/account.contents`: the caller's uploads and licensed contents, each newest first. */
export interface AccountContents {
  uploads: ListedContent[];
  purchases: ListedContent[];
}

export type PurchaseMethod = PurchaseOption["method"];
/** `pending` until paid; `paid` once the payment arrived (the license follows); `expired`, `failed` or `refunded` end it. */
export type PurchaseStatus = "pending" | "paid" | "failed" | "expired" | "refunded";

/** Where a TON payment goes: the comment (the intent id) is what ties the transfer to the intent. */
export interface TonTransfer {
  address: string;
  /** nanotons, a decimal integer */
  amount: string;
  comment: string;
  transfer_url: string;
}

/** `POST /api/v1/purchases` (201) and `GET /api/v1/purchases/{intent_id}`: one purchase intent. */
export interface PurchaseIntent {
  intent_id: string;
  content_id: string;
  method: PurchaseMethod;
  /** whole Stars or nanotons, a decimal integer as a string */
  amount: string;
  currency: "XTR" | "TON";
  status: PurchaseStatus;
  /** ISO-8601 */
  expires_at: string;
  licensed: boolean;
  /** Stars only: the invoice for `Telegram.WebApp.openInvoice` */
  invoice_link?: string;
  /** TON only */
  ton?: TonTransfer;
}
