import "./style.css";
import { CairnApi, CONTENT_ID } from "./api/client";
import { h } from "./dom";
import { contentPage } from "./pages/content";
import { minePage } from "./pages/mine";
import { defaultManifestUrl } from "./pages/purchase";
import { uploadPage } from "./pages/upload";
import { applyTheme, authorization, webApp } from "./telegram/webapp";

const telegram = webApp();
applyTheme(telegram);
telegram?.onEvent?.("themeChanged", () => applyTheme(telegram));
telegram?.ready?.();
telegram?.expand?.();

const api = new CairnApi(() => authorization(telegram));
const app = document.getElementById("app") as HTMLElement;
let dispose: () => void = () => {};

function navigate(path: string): void {
  history.pushState(null, "", path);
  route();
}

function route(): void {
  dispose();
  dispose = () => {};
  const path = location.pathname;
  const nav = h("nav", {}, link("/upload", "Upload"), link("/mine", "My content"));
  const content = /^\/content\/([^/]+)$/.exec(path);
  if (content?.[1] && CONTENT_ID.test(content[1])) {
    const page = contentPage(api, content[1], { telegram, manifestUrl: defaultManifestUrl() });
    dispose = page.dispose;
    app.replaceChildren(nav, page.element);
  } else if (path === "/mine") {
    const page = minePage(api, navigate);
    dispose = page.dispose;
    app.replaceChildren(nav, page.element);
  } else if (path === "/" || path === "/upload") {
    app.replaceChildren(nav, uploadPage(api, navigate));
  } else {
    app.replaceChildren(nav, h("main", {}, h("p", { class: "error" }, "No such page.")));
  }
}

function link(path: string, text: string): HTMLAnchorElement {
  const a = h("a", { href: path }, text);
  a.addEventListener("click", (event) => {
    event.preventDefault();
    navigate(path);
  });
  return a;
}

window.addEventListener("popstate", route);
route();
