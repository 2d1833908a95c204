import type { ContentView, Derivative, DisplayOption, PurchaseOption } from "./api/types";

/** What the content page shows for one content.view answer; pure, so Vitest checks it without a browser. */
export interface ContentPageModel {
  state: "processing" | "ready" | "failed" | "unavailable";
  /** Renditions still being made, with their progress, while the content is processing. */
  progress: Derivative[];
  /** Players, best first: the ones this caller may switch between. */
  players: DisplayOption[];
  images: DisplayOption[];
  downloads: DisplayOption[];
  /** Stars first, then TON: one row of buttons. */
  purchases: PurchaseOption[];
  owned: boolean;
  /** Whether to ask content.view again soon. */
  poll: boolean;
}

const PLAY_ORDER: Record<string, number> = { high: 0, low: 1, preview: 2 };

export function contentPageModel(view: ContentView): ContentPageModel {
  const state =
    view.status === "pending" || view.status === "processing"
      ? "processing"
      : view.status;
  const players = view.display_options
    .filter((o) => o.action === "play")
    .sort((a, b) => (PLAY_ORDER[a.kind] ?? 9) - (PLAY_ORDER[b.kind] ?? 9));
  const owned = view.license === "owner" || view.license === "licensed";
  return {
    state,
    progress: state === "processing" ? view.derivatives.filter((d) => d.kind !== "original") : [],
    players,
    images: view.display_options.filter((o) => o.action === "show"),
    downloads: view.display_options.filter((o) => o.action === "download"),
    purchases: owned
      ? []
      : [...view.purchase_options].sort((a, b) => (a.method === "stars" ? -1 : b.method === "stars" ? 1 : 0)),
    owned,
    poll: state === "processing",
  };
}

/** `m:ss` or `h:mm:ss`; empty when the duration is not measured yet. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms < 0) {
    return "";
  }
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The label of a purchase button: whole Stars, TON from nanotons. */
export function purchaseLabel(option: PurchaseOption): string {
  if (option.method === "stars") {
    return `${option.amount} ★ Stars`;
  }
  const ton = option.amount / 1e9;
  return `${Number(ton.toFixed(4))} TON`;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Why a file cannot be uploaded, or null when it may be. */
export function fileProblem(file: { size: number; type: string }, maxSize: number | null): string | null {
  if (file.size === 0) {
    return "The file is empty.";
  }
  if (maxSize !== null && file.size > maxSize) {
    return `The file is ${formatBytes(file.size)}; this node accepts up to ${formatBytes(maxSize)}.`;
  }
  if (file.type !== "" && !ACCEPTED_TYPE.test(file.type)) {
    return `Files of type ${file.type} are not accepted.`;
  }
  return null;
}

// Audio, video and images are converted; anything else is kept as a binary download. Only types a browser
// names with a malformed value are refused.
const ACCEPTED_TYPE = /^[a-z]+\/[A-Za-z0-9.+_-]+$/;
