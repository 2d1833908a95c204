// The client's types against the node's OpenAPI document (adapters-http serves it at /api/openapi.json): every member
// the document names is a member of the type and the other way round, and the members a type requires are the
// document's required ones. The `satisfies` clauses make the compiler check the type's side; this test the document's.
import { describe, expect, it } from "vitest";
import openapi from "../../../adapters-http/src/main/resources/dev/cairn/adapters/http/openapi/openapi.json";
import type {
  AccountContents,
  ApiErrorBody,
  ContentView,
  Derivative,
  DisplayOption,
  ListedContent,
  PurchaseIntent,
  TonTransfer,
} from "./types";

type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: string[] };

const schemas = (openapi as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** The schema {@code name} of the document, then the member schemas along {@code path} ("[]" steps into items). */
function schema(name: string, ...path: string[]): Schema {
  let at = schemas[name];
  for (const step of path) {
    at = step === "[]" ? at?.items : at?.properties?.[step];
  }
  if (at === undefined) {
    throw new Error(`the document has no ${[name, ...path].join(".")}`);
  }
  return at;
}

/** Each member of T, with whether T requires it. */
type Members<T> = { [K in keyof T]-?: undefined extends T[K] ? "optional" : "required" };

function check(documented: Schema, members: Record<string, "optional" | "required">) {
  expect(Object.keys(members).sort()).toEqual(Object.keys(documented.properties ?? {}).sort());
  const required = Object.entries(members)
    .filter(([, how]) => how === "required")
    .map(([name]) => name);
  expect(required.sort()).toEqual([...(documented.required ?? [])].sort());
}

describe("the API client's types match the OpenAPI document", () => {
  it("ContentView and its derivatives and display options", () => {
    check(schema("ContentView"), {
      content_id: "required",
      title: "required",
      kind: "required",
      mime_type: "required",
      size: "required",
      duration_ms: "optional",
      cover_url: "optional",
      status: "required",
      derivatives: "required",
      display_options: "required",
      downloadable: "required",
      license: "required",
      purchase_options: "required",
      metrics_recorded: "optional",
    } satisfies Members<ContentView>);
    check(schema("ContentView", "derivatives", "[]"), {
      kind: "required",
      status: "required",
      progress_percent: "required",
      failure_reason: "optional",
    } satisfies Members<Derivative>);
    check(schema("ContentView", "display_options", "[]"), {
      kind: "required",
      action: "required",
      decrypted: "required",
      mime_type: "required",
      size: "required",
      url: "required",
      expires_at: "optional",
    } satisfies Members<DisplayOption>);
  });

  it("Purchase and its TON transfer", () => {
    check(schema("Purchase"), {
      intent_id: "required",
      content_id: "required",
      method: "required",
      amount: "required",
      currency: "required",
      status: "required",
      expires_at: "required",
      licensed: "required",
      invoice_link: "optional",
      ton: "optional",
    } satisfies Members<PurchaseIntent>);
    check(schema("Purchase", "ton"), {
      address: "required",
      amount: "required",
      comment: "required",
      transfer_url: "required",
    } satisfies Members<TonTransfer>);
    expect(schema("Purchase", "status")).toMatchObject({
      enum: ["pending", "paid", "failed", "expired", "refunded"],
    });
  });

  it("AccountContents, its entries and the error body", () => {
    check(schema("AccountContents"), { uploads: "required", purchases: "required" } satisfies Members<AccountContents>);
    check(schema("ErrorBody"), {
      code: "required",
      message: "required",
      error_id: "required",
      session_id: "required",
    } satisfies Members<ApiErrorBody>);
    const entry = schema("AccountContents", "uploads", "[]");
    const members = {
      content_id: "required",
      title: "required",
      kind: "required",
      status: "required",
      created_at: "optional",
      granted_at: "optional",
    } satisfies Members<ListedContent>;
    // Uploads carry created_at, purchases granted_at: each list's entry names one of the two.
    expect(Object.keys(entry.properties ?? {}).every((name) => name in members)).toBe(true);
  });
});
