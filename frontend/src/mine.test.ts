import { describe, expect, it } from "vitest";
import { EMPTY_TEXT, minePageModel, statusLabel } from "./mine";

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("minePageModel", () => {
  it("links each upload and purchase to its content page, with its status and date, in the node's order", () => {
    const model = minePageModel({
      uploads: [
        { content_id: A, title: "My Song", kind: "audio", status: "processing", created_at: Date.UTC(2026, 10, 25, 10) },
        { content_id: B, title: "  ", kind: "binary", status: "failed", created_at: Date.UTC(2026, 10, 24) },
      ],
      purchases: [{ content_id: B, title: "A Film", kind: "video", status: "ready", granted_at: Date.UTC(2026, 0, 2) }],
    });

    expect(model.empty).toBe(false);
    expect(model.uploads.map((i) => i.href)).toEqual([`/content/${A}`, `/content/${B}`]);
    expect(model.uploads.map((i) => i.statusLabel)).toEqual(["Processing…", "Failed"]);
    expect(model.uploads[0]?.date).toBe("2026-11-25");
    expect(model.uploads[1]?.title).toBe("Untitled");
    expect(model.purchases).toEqual([
      { href: `/content/${B}`, title: "A Film", kind: "video", status: "ready", statusLabel: "Ready", date: "2026-01-02" },
    ]);
  });

  it("is empty when there are neither uploads nor purchases", () => {
    const model = minePageModel({ uploads: [], purchases: [] });
    expect(model.empty).toBe(true);
    expect(EMPTY_TEXT).toMatch(/Nothing here yet/);
  });

  it("is not empty with purchases only", () => {
    expect(minePageModel({ uploads: [], purchases: [{ content_id: A, title: "x", kind: "image", status: "unavailable" }] }).empty).toBe(false);
  });

  it("labels every status", () => {
    expect(["pending", "processing", "ready", "failed", "unavailable"].map((s) => statusLabel(s as never))).toEqual([
      "Waiting",
      "Processing…",
      "Ready",
      "Failed",
      "Unavailable",
    ]);
  });
});
