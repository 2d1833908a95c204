import type { AccountContents, ContentStatus, ListedContent } from "./api/types";

/** One row of the My content page: where it links, what it says. */
export interface MineItem {
  href: string;
  title: string;
  kind: string;
  status: ContentStatus;
  statusLabel: string;
  /** When it was uploaded or bought, as an ISO date (YYYY-MM-DD, UTC); empty when the node sent no time. */
  date: string;
}

/** What the My content page shows: two sections, each possibly empty, and whether there is nothing at all. */
export interface MinePageModel {
  uploads: MineItem[];
  purchases: MineItem[];
  empty: boolean;
}

export const EMPTY_TEXT = "Nothing here yet: what you upload or buy shows up on this page.";

export function minePageModel(contents: AccountContents): MinePageModel {
  const uploads = contents.uploads.map((c) => item(c, c.created_at));
  const purchases = contents.purchases.map((c) => item(c, c.granted_at));
  return { uploads, purchases, empty: uploads.length === 0 && purchases.length === 0 };
}

function item(content: ListedContent, at: number | undefined): MineItem {
  return {
    href: `/content/${content.content_id}`,
    title: content.title.trim() === "" ? "Untitled" : content.title,
    kind: content.kind,
    status: content.status,
    statusLabel: statusLabel(content.status),
    date: at === undefined ? "" : new Date(at).toISOString().slice(0, 10),
  };
}

export function statusLabel(status: ContentStatus): string {
  switch (status) {
    case "pending":
      return "Waiting";
    case "processing":
      return "Processing…";
    case "ready":
      return "Ready";
    case "failed":
      return "Failed";
    default:
      return "Unavailable";
  }
}
