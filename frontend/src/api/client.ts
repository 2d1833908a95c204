import type { AccountContents, ApiErrorBody, ContentView, PurchaseIntent, PurchaseMethod } from "./types";

/** A refused or failed request: the node's error body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body ? `${body.code}: ${body.message}` : `HTTP ${status}`);
    this.name = "ApiError";
  }

  get code(): string {
    return this.body?.code ?? `http_${this.status}`;
  }
}

export const CONTENT_ID = /^[0-9a-f]{64}$/;
/** A purchase intent's id: 26 characters of RFC 4648 base32, lower case. */
export const INTENT_ID = /^[a-z2-7]{26}$/;
export const TUS_ENDPOINT = "/api/v1/upload.tus";
/** The node's bounds for `account.contents`'s `limit`. */
export const MAX_LIST_LIMIT = 200;

/** The typed client of the node that served this page (same origin). */
export class CairnApi {
  constructor(
    private readonly authorization: () => string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** The `Authorization` header value every user request sends. */
  authorizationHeader(): string {
    return this.authorization();
  }

  async contentView(contentId: string): Promise<ContentView> {
    if (!CONTENT_ID.test(contentId)) {
      throw new ApiError(400, null);
    }
    return this.json<ContentView>(`/api/v1/content.view/${contentId}`);
  }

  /** What the caller uploaded and holds a license to, newest first, at most `limit` of each (1 to 200). */
  async accountContents(limit = 50): Promise<AccountContents> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new ApiError(400, null);
    }
    return this.json<AccountContents>(`/api/v1/account.contents?limit=${limit}`);
  }

  /** Starts buying a content: a pending intent with a Stars invoice link or a TON transfer to make. */
  async createPurchase(contentId: string, method: PurchaseMethod): Promise<PurchaseIntent> {
    if (!CONTENT_ID.test(contentId) || (method !== "stars" && method !== "ton")) {
      throw new ApiError(400, null);
    }
    return this.json<PurchaseIntent>("/api/v1/purchases", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content_id: contentId, method }),
    });
  }

  /** Where a purchase intent stands now: its status and whether the license is granted. */
  async purchase(intentId: string): Promise<PurchaseIntent> {
    if (!INTENT_ID.test(intentId)) {
      throw new ApiError(400, null);
    }
    return this.json<PurchaseIntent>(`/api/v1/purchases/${intentId}`);
  }

  /** The largest upload the node accepts (`Tus-Max-Size` of `OPTIONS`), or null when it sets none. */
  async maxUploadSize(): Promise<number | null> {
    const response = await this.fetcher(TUS_ENDPOINT, { method: "OPTIONS" });
    const value = response.headers.get("Tus-Max-Size");
    if (value === null || !/^\d+$/.test(value)) {
      return null;
    }
    return Number(value);
  }

  private async json<T>(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<T> {
    const response = await this.fetcher(path, {
      ...init,
      headers: { ...init.headers, Authorization: this.authorization(), Accept: "application/json" },
    });
    if (!response.ok) {
      throw new ApiError(response.status, await errorBody(response));
    }
    return (await response.json()) as T;
  }
}

async function errorBody(response: Response): Promise<ApiErrorBody | null> {
  try {
    const body: unknown = await response.json();
    if (typeof body === "object" && body !== null && "code" in body && "message" in body) {
      return body as ApiErrorBody;
    }
  } catch {
    // not JSON: a proxy's page, say
  }
  return null;
}
