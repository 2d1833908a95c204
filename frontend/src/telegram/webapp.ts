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

export function webApp(): TelegramWebApp | null {
  const app = window.Telegram?.WebApp;
  return app && typeof app.initData === "string" ? app : null;
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
