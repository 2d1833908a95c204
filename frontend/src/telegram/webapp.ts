import { bridgeOpenInvoice, supportsInvoices, type BridgeHost } from "./bridge";

// The parts of Telegram's WebApp bridge (telegram-web-app.js) this app uses. Outside Telegram there is none.

export interface ThemeParams {
  bg_color?: string;
  text_color?: string;
  hint_color?: string;
  link_color?: string;
  button_color?: string;
  button_text_color?: string;
  secondary_bg_color?: string;
}

export interface TelegramWebApp {
  initData: string;
  colorScheme?: "light" | "dark";
  themeParams: ThemeParams;
  ready?: () => void;
  expand?: () => void;
  openInvoice?: (url: string, callback?: (status: string) => void) => void;
  onEvent?: (event: string, handler: () => void) => void;
}

declare global {
  interface Window {
    Telegram?: { WebApp?: TelegramWebApp };
  }
}

/**
 * Telegram's bridge when the page loaded telegram-web-app.js; else the launch parameters Telegram puts in the URL's
 * fragment (`tgWebAppData`, `tgWebAppThemeParams`), so the app works in Telegram without a third-party script, with
 * `openInvoice` over Telegram's web events (bridge.ts) where the client has them.
 * Read once at start: client-side navigation drops the fragment.
 */
export function webApp(): TelegramWebApp | null {
  const app = window.Telegram?.WebApp;
  if (app && typeof app.initData === "string") {
    return app;
  }
  const launched = fromLaunchParams(location.hash);
  const version = new URLSearchParams(location.hash.slice(1)).get("tgWebAppVersion");
  if (launched && supportsInvoices(version)) {
    const openInvoice = bridgeOpenInvoice(window as unknown as BridgeHost, window);
    if (openInvoice) {
      launched.openInvoice = openInvoice;
    }
  }
  return launched;
}

/** The launch parameters of a Mini App URL's fragment, or null when it has none. */
export function fromLaunchParams(hash: string): TelegramWebApp | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const initData = params.get("tgWebAppData");
  if (initData === null) {
    return null;
  }
  let themeParams: ThemeParams = {};
  try {
    const parsed: unknown = JSON.parse(params.get("tgWebAppThemeParams") ?? "{}");
    if (typeof parsed === "object" && parsed !== null) {
      themeParams = parsed as ThemeParams;
    }
  } catch {
    // a malformed theme: the defaults
  }
  const bg = themeParams.bg_color;
  return bg ? { initData, themeParams, colorScheme: isDark(bg) ? "dark" : "light" } : { initData, themeParams };
}

/** Whether a `#rrggbb` colour is dark (relative luminance below one half), as Telegram decides its scheme. */
export function isDark(color: string): boolean {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) {
    return false;
  }
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** `tma <initData>` inside Telegram; `local` outside it (the node must run with LOCAL_MODE=true). */
export function authorization(app: TelegramWebApp | null): string {
  return app && app.initData !== "" ? `tma ${app.initData}` : "local";
}

const VARIABLES: Record<keyof ThemeParams, string> = {
  bg_color: "--bg",
  text_color: "--text",
  hint_color: "--hint",
  link_color: "--link",
  button_color: "--button",
  button_text_color: "--button-text",
  secondary_bg_color: "--secondary-bg",
};

/** Theme parameters as CSS variables; light or dark from Telegram's scheme, else from the system's preference. */
export function applyTheme(app: TelegramWebApp | null, root: HTMLElement = document.documentElement): void {
  const params = app?.themeParams ?? {};
  for (const [key, variable] of Object.entries(VARIABLES)) {
    const value = params[key as keyof ThemeParams];
    if (value && /^#[0-9a-fA-F]{3,8}$/.test(value)) {
      root.style.setProperty(variable, value);
    } else {
      root.style.removeProperty(variable);
    }
  }
  const scheme = app?.colorScheme ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  root.dataset.scheme = scheme;
}
