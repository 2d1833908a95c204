import { describe, expect, it } from "vitest";
import { bridgeOpenInvoice, invoiceSlug, supportsInvoices, type BridgeHost } from "./bridge";

function fakeHost(kind: "proxy" | "iframe" | "top") {
  const posted: { eventType: string; eventData: unknown; target?: string }[] = [];
  const listeners: ((event: { source: unknown; data: unknown }) => void)[] = [];
  const self = {};
  const parent = {
    postMessage: (message: string, target: string) => {
      const { eventType, eventData } = JSON.parse(message) as { eventType: string; eventData: unknown };
      posted.push({ eventType, eventData, target });
    },
  };
  const host: BridgeHost = {
    parent: kind === "top" ? (self as BridgeHost["parent"]) : parent,
    addEventListener: (_type, listener) => void listeners.push(listener),
  };
  if (kind === "proxy") {
    host.TelegramWebviewProxy = {
      postEvent: (eventType, eventData) => void posted.push({ eventType, eventData: JSON.parse(eventData) }),
    };
  }
  const message = (data: unknown, source: unknown = parent) => listeners.forEach((l) => l({ source, data: JSON.stringify(data) }));
  return { host, self, posted, message };
}

describe("invoiceSlug", () => {
  it("reads the slug of both forms of Telegram's invoice links", () => {
    expect(invoiceSlug("https://t.me/$AbC_12-x")).toBe("AbC_12-x");
    expect(invoiceSlug("https://t.me/invoice/AbC")).toBe("AbC");
  });

  it("refuses anything else", () => {
    for (const link of ["http://t.me/$abc", "https://evil.example/$abc", "https://t.me/abc", "https://t.me/$a/b", "not a url"]) {
      expect(invoiceSlug(link)).toBeNull();
    }
  });
});

describe("supportsInvoices", () => {
  it("needs Mini App version 6.1 or later", () => {
    expect(["6.0", "5.9"].map(supportsInvoices)).toEqual([false, false]);
    expect(["6.1", "6.10", "8.0", null].map(supportsInvoices)).toEqual([true, true, true, true]);
  });
});

describe("bridgeOpenInvoice", () => {
  it("posts web_app_open_invoice through a mobile client's proxy and calls back on invoice_closed", () => {
    const { host, self, posted } = fakeHost("proxy");
    const statuses: string[] = [];
    const open = bridgeOpenInvoice(host, self);

    open?.("https://t.me/$slug1", (status) => statuses.push(status));
    host.Telegram?.WebView?.receiveEvent?.("invoice_closed", { slug: "other", status: "paid" });
    host.Telegram?.WebView?.receiveEvent?.("invoice_closed", { slug: "slug1", status: "paid" });
    host.Telegram?.WebView?.receiveEvent?.("invoice_closed", { slug: "slug1", status: "paid" });

    expect(posted).toEqual([{ eventType: "web_app_open_invoice", eventData: { slug: "slug1" } }]);
    expect(statuses).toEqual(["paid"]);
  });

  it("in a web client's frame posts to the parent and hears the parent's messages only", () => {
    const { host, self, posted, message } = fakeHost("iframe");
    const statuses: string[] = [];
    bridgeOpenInvoice(host, self)?.("https://t.me/invoice/s2", (status) => statuses.push(status));

    message({ eventType: "invoice_closed", eventData: { slug: "s2", status: "paid" } }, {});
    message({ eventType: "invoice_closed", eventData: { slug: "s2", status: "cancelled" } });

    expect(posted).toEqual([{ eventType: "web_app_open_invoice", eventData: { slug: "s2" }, target: "*" }]);
    expect(statuses).toEqual(["cancelled"]);
  });

  it("keeps a receiver that was already there", () => {
    const { host, self } = fakeHost("proxy");
    const seen: string[] = [];
    host.Telegram = { WebView: { receiveEvent: (eventType) => void seen.push(eventType) } };
    bridgeOpenInvoice(host, self);
    host.Telegram.WebView?.receiveEvent?.("theme_changed", {});
    expect(seen).toEqual(["theme_changed"]);
  });

  it("is nothing in a top-level page without Telegram's proxy", () => {
    const { host, self } = fakeHost("top");
    expect(bridgeOpenInvoice(host, self)).toBeNull();
  });

  it("reports a link that is not a Telegram invoice as failed without posting", () => {
    const { host, self, posted } = fakeHost("proxy");
    const statuses: string[] = [];
    bridgeOpenInvoice(host, self)?.("https://example.com/pay", (status) => statuses.push(status));
    expect(statuses).toEqual(["failed"]);
    expect(posted).toEqual([]);
  });
});
