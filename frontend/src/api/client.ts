import type { AccountContents, ApiErrorBody, ContentView } from "./types";

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

  /** The largest upload the node accepts (`Tus-Max-Size` of `OPTIONS`), or null when it sets none. */
  async maxUploadSize(): Promise<number | null> {
    const response = await this.fetcher(TUS_ENDPOINT, { method: "OPTIONS" });
    const value = response.headers.get("Tus-Max-Size");
    if (value === null || !/^\d+$/.test(value)) {
      return null;
    }
    return Number(value);
  }

  private async json<T>(path: string): Promise<T> {
    const response = await this.fetcher(path, {
      headers: { Authorization: this.authorization(), Accept: "application/json" },
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
