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
