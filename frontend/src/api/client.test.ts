import { describe, expect, it } from "vitest";
import { ApiError, CairnApi } from "./client";

const ID = "0123456789abcdef".repeat(4);

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return new Response(status === 204 ? null : body, { status, headers });
  }) as typeof fetch;
  return { calls, fetcher };
}

describe("CairnApi", () => {
  it("asks content.view with the caller's authorization", async () => {
    const { calls, fetcher } = fakeFetch(200, JSON.stringify({ content_id: ID, title: "t" }));
    const api = new CairnApi(() => "local", fetcher);

    const view = await api.contentView(ID);

    expect(view.title).toBe("t");
    expect(calls[0]?.url).toBe(`/api/v1/content.view/${ID}`);
    expect(new Headers(calls[0]?.init?.headers).get("Authorization")).toBe("local");
  });

  it("asks account.contents with the caller's authorization and a limit, and never sends one out of bounds", async () => {
    const { calls, fetcher } = fakeFetch(200, JSON.stringify({ uploads: [], purchases: [] }));
    const api = new CairnApi(() => "local", fetcher);

    const contents = await api.accountContents(20);

    expect(contents).toEqual({ uploads: [], purchases: [] });
    expect(calls[0]?.url).toBe("/api/v1/account.contents?limit=20");
    expect(new Headers(calls[0]?.init?.headers).get("Authorization")).toBe("local");
    await expect(api.accountContents(0)).rejects.toBeInstanceOf(ApiError);
    await expect(api.accountContents(201)).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(1);
  });

  it("turns the node's error body into an ApiError with its code", async () => {
    const body = { code: "content_not_found", message: "no content", error_id: "e", session_id: "s" };
    const { fetcher } = fakeFetch(404, JSON.stringify(body), { "Content-Type": "application/json" });

    const failure = await new CairnApi(() => "local", fetcher).contentView(ID).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(404);
    expect((failure as ApiError).code).toBe("content_not_found");
  });

  it("names an error without a JSON body by its status", async () => {
    const { fetcher } = fakeFetch(502, "<html>bad gateway</html>");

    const failure = (await new CairnApi(() => "local", fetcher).contentView(ID).catch((e: unknown) => e)) as ApiError;

    expect(failure.code).toBe("http_502");
  });

  it("refuses a malformed content id without asking the node", async () => {
    const { calls, fetcher } = fakeFetch(200, "{}");

    await expect(new CairnApi(() => "local", fetcher).contentView("../account.me")).rejects.toBeInstanceOf(ApiError);
    expect(calls).toEqual([]);
  });

  it("reads the upload limit from Tus-Max-Size, or none", async () => {
    expect(await new CairnApi(() => "local", fakeFetch(204, "", { "Tus-Max-Size": "5242880" }).fetcher).maxUploadSize()).toBe(5242880);
    expect(await new CairnApi(() => "local", fakeFetch(204, "").fetcher).maxUploadSize()).toBeNull();
    expect(await new CairnApi(() => "local", fakeFetch(204, "", { "Tus-Max-Size": "-1" }).fetcher).maxUploadSize()).toBeNull();
  });
});

const INTENT = "abcdefghijklmnopqrstuvwxyz";
const STARS_INTENT = {
  intent_id: INTENT,
  content_id: ID,
  method: "stars",
  amount: "50",
  currency: "XTR",
  status: "pending",
  expires_at: "2026-11-26T05:00:00Z",
  licensed: false,
  invoice_link: "https://t.me/$abc",
};

describe("CairnApi purchases", () => {
  it("creates a purchase intent with a POST of the content id and method, authorized as the caller", async () => {
    const { calls, fetcher } = fakeFetch(201, JSON.stringify(STARS_INTENT), { "Content-Type": "application/json" });

    const intent = await new CairnApi(() => "tma x", fetcher).createPurchase(ID, "stars");

    expect(intent.invoice_link).toBe("https://t.me/$abc");
    expect(calls[0]?.url).toBe("/api/v1/purchases");
    expect(calls[0]?.init?.method).toBe("POST");
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get("Authorization")).toBe("tma x");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ content_id: ID, method: "stars" });
  });

  it("reads an intent back by its id", async () => {
    const { calls, fetcher } = fakeFetch(200, JSON.stringify({ ...STARS_INTENT, status: "paid", licensed: true }));

    const intent = await new CairnApi(() => "local", fetcher).purchase(INTENT);

    expect(intent.licensed).toBe(true);
    expect(calls[0]?.url).toBe(`/api/v1/purchases/${INTENT}`);
    expect(calls[0]?.init?.method).toBeUndefined();
    expect(new Headers(calls[0]?.init?.headers).get("Authorization")).toBe("local");
  });

  it("turns the node's refusals into ApiErrors with their codes", async () => {
    for (const [status, code] of [
      [409, "already_licensed"],
      [409, "own_content"],
      [409, "not_for_sale"],
      [404, "content_not_found"],
      [503, "payments_unavailable"],
    ] as const) {
      const body = { code, message: code, error_id: "e", session_id: "s" };
      const { fetcher } = fakeFetch(status, JSON.stringify(body), { "Content-Type": "application/json" });

      const failure = (await new CairnApi(() => "local", fetcher).createPurchase(ID, "ton").catch((e: unknown) => e)) as ApiError;

      expect(failure).toBeInstanceOf(ApiError);
      expect([failure.status, failure.code]).toEqual([status, code]);
    }
  });

  it("refuses a malformed content id, method or intent id without asking the node", async () => {
    const { calls, fetcher } = fakeFetch(200, "{}");
    const api = new CairnApi(() => "local", fetcher);

    await expect(api.createPurchase("nope", "stars")).rejects.toBeInstanceOf(ApiError);
    await expect(api.createPurchase(ID, "card" as "stars")).rejects.toBeInstanceOf(ApiError);
    await expect(api.purchase("../content.view")).rejects.toBeInstanceOf(ApiError);
    await expect(api.purchase(INTENT.toUpperCase())).rejects.toBeInstanceOf(ApiError);
    expect(calls).toEqual([]);
  });
});
