import type { CairnApi } from "../api/client";
import { h } from "../dom";
import { EMPTY_TEXT, type MineItem, minePageModel } from "../mine";

/** The My content page: the user's uploads and purchases, each with its status, linking to its content page. */
export function minePage(api: CairnApi, navigate: (path: string) => void): { element: HTMLElement; dispose: () => void } {
  const root = h("main", { id: "mine-page" }, h("h1", {}, "My content"), h("p", { class: "hint" }, "Loading…"));
  let disposed = false;

  const entry = (item: MineItem): HTMLLIElement => {
    const a = h("a", { href: item.href }, item.title);
    a.addEventListener("click", (event) => {
      event.preventDefault();
      navigate(item.href);
    });
    return h(
      "li",
      { "data-status": item.status },
      a,
      h("span", { class: "hint" }, [item.kind, item.date].filter((s) => s !== "").join(" · ")),
      h("span", { class: `status status-${item.status}` }, item.statusLabel),
    );
  };

  const section = (id: string, title: string, items: MineItem[]): HTMLElement =>
    h(
      "section",
      { id },
      h("h2", {}, title),
      items.length === 0 ? h("p", { class: "hint" }, "None.") : h("ul", { class: "mine-list" }, ...items.map(entry)),
    );

  api.accountContents().then(
    (contents) => {
      if (disposed) {
        return;
      }
      const model = minePageModel(contents);
      if (model.empty) {
        root.replaceChildren(h("h1", {}, "My content"), h("p", { class: "hint", id: "mine-empty" }, EMPTY_TEXT));
        return;
      }
      root.replaceChildren(
        h("h1", {}, "My content"),
        section("uploads", "Uploads", model.uploads),
        section("purchases", "Purchases", model.purchases),
      );
    },
    (error: unknown) => {
      if (!disposed) {
        const text = `Could not load your content: ${error instanceof Error ? error.message : String(error)}`;
        root.replaceChildren(h("h1", {}, "My content"), h("p", { class: "error", id: "mine-error" }, text));
      }
    },
  );
  return {
    element: root,
    dispose: () => {
      disposed = true;
    },
  };
}
