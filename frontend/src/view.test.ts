import { describe, expect, it } from "vitest";
import type { ContentView } from "./api/types";
import { contentPageModel, fileProblem, formatDuration, purchaseLabel } from "./view";

const ID = "a".repeat(64);

function view(overrides: Partial<ContentView>): ContentView {
  return {
    content_id: ID,
    title: "My Song",
    kind: "audio",
    mime_type: "audio/mpeg",
    size: 1000,
    status: "ready",
    derivatives: [],
    display_options: [],
    downloadable: false,
    license: "unlicensed",
    purchase_options: [],
    ...overrides,
  };
}

const preview = { kind: "preview", action: "play", decrypted: false, mime_type: "audio/mp4", size: 10, url: "/p" } as const;
const low = { kind: "low", action: "play", decrypted: true, mime_type: "audio/mp4", size: 20, url: "/l" } as const;
const high = { kind: "high", action: "play", decrypted: true, mime_type: "audio/mp4", size: 30, url: "/h" } as const;

describe("contentPageModel", () => {
  it("shows an unlicensed user the preview and both purchase options, Stars first", () => {
    const model = contentPageModel(
      view({
        display_options: [preview],
        purchase_options: [
          { method: "ton", amount: 1_500_000_000, currency: "TON" },
          { method: "stars", amount: 50, currency: "XTR" },
        ],
      }),
    );
    expect(model.players.map((o) => o.kind)).toEqual(["preview"]);
    expect(model.purchases.map((p) => p.method)).toEqual(["stars", "ton"]);
    expect(model.owned).toBe(false);
  });

  it("lets a licensed user switch between high and low, high first, and offers no purchase", () => {
    const model = contentPageModel(
      view({
        license: "licensed",
        display_options: [low, high],
        purchase_options: [{ method: "stars", amount: 50, currency: "XTR" }],
      }),
    );
    expect(model.players.map((o) => o.kind)).toEqual(["high", "low"]);
    expect(model.purchases).toEqual([]);
    expect(model.owned).toBe(true);
  });

  it("shows the owner as owning the content", () => {
    expect(contentPageModel(view({ license: "owner" })).owned).toBe(true);
  });

  it("shows progress per derivative and polls while processing", () => {
    const model = contentPageModel(
      view({
        status: "processing",
        derivatives: [
          { kind: "preview", status: "ready", progress_percent: 100 },
          { kind: "high", status: "processing", progress_percent: 40 },
          { kind: "original", status: "ready", progress_percent: 100 },
        ],
      }),
    );
    expect(model.state).toBe("processing");
    expect(model.poll).toBe(true);
    expect(model.progress.map((d) => [d.kind, d.progress_percent])).toEqual([
      ["preview", 100],
      ["high", 40],
    ]);
  });

  it("treats pending as processing", () => {
    expect(contentPageModel(view({ status: "pending" })).state).toBe("processing");
  });

  it("stops polling and shows no progress once ready or failed", () => {
    for (const status of ["ready", "failed", "unavailable"] as const) {
      const model = contentPageModel(
        view({ status, derivatives: [{ kind: "low", status: "failed", progress_percent: 10 }] }),
      );
      expect(model.poll).toBe(false);
      expect(model.progress).toEqual([]);
      expect(model.state).toBe(status);
    }
  });

  it("offers a binary's original as a download to the licensed", () => {
    const original = { kind: "original", action: "download", decrypted: true, mime_type: "application/zip", size: 5, url: "/o" } as const;
    const model = contentPageModel(view({ kind: "binary", license: "licensed", downloadable: true, display_options: [original] }));
    expect(model.downloads).toEqual([original]);
    expect(model.players).toEqual([]);
  });

  it("shows an image's show options as images", () => {
    const shown = { kind: "preview", action: "show", decrypted: false, mime_type: "image/jpeg", size: 5, url: "/i" } as const;
    expect(contentPageModel(view({ kind: "image", display_options: [shown] })).images).toEqual([shown]);
  });
});

describe("formatting", () => {
  it("formats durations", () => {
    expect(formatDuration(undefined)).toBe("");
    expect(formatDuration(65_000)).toBe("1:05");
    expect(formatDuration(3_725_000)).toBe("1:02:05");
  });

  it("labels Stars whole and TON from nanotons", () => {
    expect(purchaseLabel({ method: "stars", amount: 50, currency: "XTR" })).toBe("50 ★ Stars");
    expect(purchaseLabel({ method: "ton", amount: 1_500_000_000, currency: "TON" })).toBe("1.5 TON");
  });
});

describe("fileProblem", () => {
  it("refuses an empty file and one over the node's limit", () => {
    expect(fileProblem({ size: 0, type: "audio/mpeg" }, 100)).toMatch(/empty/);
    expect(fileProblem({ size: 101, type: "audio/mpeg" }, 100)).toMatch(/accepts up to 100 B/);
  });

  it("accepts a file within the limit, or any size when the node sets none", () => {
    expect(fileProblem({ size: 100, type: "audio/mpeg" }, 100)).toBeNull();
    expect(fileProblem({ size: 1e12, type: "" }, null)).toBeNull();
  });

  it("refuses a malformed type", () => {
    expect(fileProblem({ size: 1, type: "not a type" }, null)).toMatch(/not accepted/);
  });
});
