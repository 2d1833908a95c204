// The one call of Telegram's Mini App bridge this app makes itself: opening an invoice. The app does not load
// telegram-web-app.js (webapp.ts reads the launch parameters instead), so without this a Telegram client would have
// no `openInvoice`. Telegram's web events: the app posts `web_app_open_invoice` {slug} (mobile: the
// TelegramWebviewProxy object; desktop: window.external.notify; web clients: a message to the parent frame), and the
// client answers `invoice_closed` {slug, status} through Telegram.WebView.receiveEvent or a message from the parent.

type InvoiceCallback = (status: string) => void;

/** The parts of `window` the bridge touches, so that tests can hand it a fake. */
export interface BridgeHost {
  TelegramWebviewProxy?: { postEvent: (eventType: string, eventData: string) => void };
  external?: unknown;
  parent: { postMessage: (message: string, targetOrigin: string) => void };
  Telegram?: { WebView?: { receiveEvent?: (eventType: string, eventData: unknown) => void } };
  addEventListener: (type: "message", listener: (event: { source: unknown; data: unknown }) => void) => void;
}

/** The invoice slug of a Telegram invoice link (`https://t.me/$slug` or `https://t.me/invoice/slug`), else null. */
export function invoiceSlug(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || !/^(t\.me|telegram\.me)$/.test(url.hostname)) {
    return null;
  }
  const match = /^\/(?:\$|invoice\/)([A-Za-z0-9_-]+)$/.exec(url.pathname);
  return match?.[1] ?? null;
}

/** Whether a `tgWebAppVersion` is at least 6.1, the first with invoices; an absent version is taken as new enough. */
export function supportsInvoices(version: string | null): boolean {
  if (version === null) {
    return true;
  }
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 6 || (major === 6 && minor >= 1);
}

/**
 * `openInvoice(link, callback)` over the bridge of the Telegram client this page runs in, or null when there is
 * none to talk to (a plain browser tab, the top frame without Telegram's proxy).
 */
export function bridgeOpenInvoice(host: BridgeHost, self: unknown): ((link: string, callback?: InvoiceCallback) => void) | null {
  const post = poster(host, self);
  if (!post) {
    return null;
  }
  const waiting = new Map<string, InvoiceCallback>();
  const receive = (eventType: string, eventData: unknown): void => {
    if (eventType !== "invoice_closed" || typeof eventData !== "object" || eventData === null) {
      return;
    }
    const { slug, status } = eventData as { slug?: unknown; status?: unknown };
    const callback = typeof slug === "string" ? waiting.get(slug) : undefined;
    if (callback && typeof slug === "string" && typeof status === "string") {
      waiting.delete(slug);
      callback(status);
    }
  };
  // Mobile and desktop clients call Telegram.WebView.receiveEvent; keep any receiver already there.
  host.Telegram ??= {};
  host.Telegram.WebView ??= {};
  const previous = host.Telegram.WebView.receiveEvent;
  host.Telegram.WebView.receiveEvent = (eventType, eventData) => {
    receive(eventType, eventData);
    previous?.(eventType, eventData);
  };
  // Web clients post {eventType, eventData} as JSON from the parent frame.
  host.addEventListener("message", (event) => {
    if (event.source !== host.parent || typeof event.data !== "string") {
      return;
    }
    try {
      const message = JSON.parse(event.data) as { eventType?: unknown; eventData?: unknown };
      if (typeof message.eventType === "string") {
        receive(message.eventType, message.eventData);
      }
    } catch {
      // not a bridge message
    }
  });
  return (link, callback) => {
    const slug = invoiceSlug(link);
    if (slug === null) {
      callback?.("failed");
      return;
    }
    if (callback) {
      waiting.set(slug, callback);
    }
    post("web_app_open_invoice", { slug });
  };
}

function poster(host: BridgeHost, self: unknown): ((eventType: string, eventData: object) => void) | null {
  const proxy = host.TelegramWebviewProxy;
  if (proxy && typeof proxy.postEvent === "function") {
    return (eventType, eventData) => proxy.postEvent(eventType, JSON.stringify(eventData));
  }
  const external = host.external as { notify?: (message: string) => void } | undefined;
  if (external && typeof external.notify === "function") {
    const notify = external.notify.bind(external);
    return (eventType, eventData) => notify(JSON.stringify({ eventType, eventData }));
  }
  if (host.parent !== self) {
    // Telegram's own library posts to '*' as well: the page cannot know which web client embeds it.
    return (eventType, eventData) => host.parent.postMessage(JSON.stringify({ eventType, eventData }), "*");
  }
  return null;
}
