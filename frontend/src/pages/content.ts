import { ApiError, type CairnApi } from "../api/client";
import type { ContentView, DisplayOption } from "../api/types";
import { h } from "../dom";
import { contentPageModel, formatDuration } from "../view";
import { purchaseRow, type PurchaseEnv } from "./purchase";

const POLL_MS = 2000;

/** The content page: cover, title, kind, duration, status, player, purchase row; polls while processing. */
export function contentPage(
  api: CairnApi,
  contentId: string,
  env: PurchaseEnv,
): { element: HTMLElement; dispose: () => void } {
  const root = h("main", { id: "content-page" }, h("p", { class: "hint" }, "Loading…"));
  let timer: number | undefined;
  let disposed = false;
  let selected: string | null = null;
  // Once the license is granted, content.view is asked again: it then offers the licensed renditions.
  const purchases = purchaseRow(api, contentId, env, () => {
    window.clearTimeout(timer);
    void load();
  });

  const load = async (): Promise<void> => {
    try {
      const view = await api.contentView(contentId);
      if (disposed) {
        return;
      }
      render(view);
      if (contentPageModel(view).poll) {
        timer = window.setTimeout(() => void load(), POLL_MS);
      }
    } catch (error) {
      if (disposed) {
        return;
      }
      const text =
        error instanceof ApiError && error.code === "content_not_found"
          ? "No such content on this node."
          : `Could not load the content: ${error instanceof Error ? error.message : String(error)}`;
      root.replaceChildren(h("p", { class: "error", id: "content-error" }, text));
    }
  };

  const render = (view: ContentView): void => {
    const model = contentPageModel(view);
    const cover = h(
      "div",
      { class: "cover", id: "cover" },
      view.cover_url ? h("img", { src: view.cover_url, alt: "" }) : h("span", { class: "placeholder" }, icon(view.kind)),
    );
    const facts = [view.kind, formatDuration(view.duration_ms)].filter((s) => s !== "").join(" · ");
    const parts: (Node | null)[] = [
      cover,
      h("h1", { id: "title" }, view.title),
      h("p", { class: "hint", id: "facts" }, facts),
      h("p", { id: "status", "data-status": model.state }, statusText(model.state)),
    ];
    if (model.progress.length > 0) {
      parts.push(
        h(
          "ul",
          { class: "derivatives", id: "derivatives" },
          ...model.progress.map((d) =>
            h(
              "li",
              { "data-kind": d.kind },
              h("span", {}, d.kind),
              h("progress", { max: "100", value: String(d.progress_percent) }),
              h("span", {}, `${d.progress_percent}%`),
            ),
          ),
        ),
      );
    }
    const failed = view.derivatives.filter((d) => d.failure_reason);
    if (model.state === "failed" && failed.length > 0) {
      parts.push(h("p", { class: "error" }, failed.map((d) => `${d.kind}: ${d.failure_reason}`).join("; ")));
    }
    parts.push(player(view, model.players));
    for (const image of model.images) {
      parts.push(h("div", { class: "section" }, h("img", { src: image.url, alt: view.title, style: "max-width:100%" })));
    }
    for (const download of model.downloads) {
      parts.push(h("a", { class: "button", href: download.url, download: "", id: "download" }, "Download"));
    }
    if (model.owned) {
      parts.push(
        h("p", { class: "owned", id: "owned" }, view.license === "owner" ? "You uploaded this." : "You own this."),
      );
    } else if (model.purchases.length > 0) {
      purchases.update(model.purchases);
      parts.push(purchases.element);
    }
    root.replaceChildren(...parts.filter((p): p is Node => p !== null));
  };

  const player = (view: ContentView, options: DisplayOption[]): Node | null => {
    const first = options[0];
    if (!first) {
      return null;
    }
    const current = options.find((o) => o.kind === selected) ?? first;
    const media = h(view.kind === "video" ? "video" : "audio", {
      id: "player",
      controls: "",
      preload: "metadata",
      src: current.url,
    });
    if (options.length < 2) {
      return h("div", { class: "section" }, media);
    }
    const switches = options.map((o) => {
      const button = h("button", { type: "button", class: o === current ? "" : "secondary", "data-kind": o.kind }, o.kind);
      button.addEventListener("click", () => {
        selected = o.kind;
        const time = media.currentTime;
        media.src = o.url;
        media.currentTime = time;
        for (const b of switches) {
          b.className = b === button ? "" : "secondary";
        }
      });
      return button;
    });
    return h("div", { class: "section" }, media, h("div", { class: "row", id: "qualities" }, ...switches));
  };

  void load();
  return {
    element: root,
    dispose: () => {
      disposed = true;
      window.clearTimeout(timer);
      purchases.dispose();
    },
  };
}

function statusText(state: string): string {
  switch (state) {
    case "processing":
      return "Processing…";
    case "ready":
      return "Ready";
    case "failed":
      return "Conversion failed.";
    default:
      return "Unavailable.";
  }
}

function icon(kind: string): string {
  return kind === "audio" ? "♪" : kind === "video" ? "▶" : kind === "image" ? "▣" : "⬇";
}
