// End to end against a running node (CAIRN_URL, started in local mode by app's MiniAppBrowserTest):
// the upload page sends a generated file with tus-js-client and lands on the content page, which My content then
// lists; the content page's layout holds at 320, 390 and 768 px. Screenshots go to CAIRN_ARTIFACTS.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launch } from "./browser.mjs";
import { wav } from "./media.mjs";

const BASE = process.env.CAIRN_URL;
const ARTIFACTS = process.env.CAIRN_ARTIFACTS ?? "target/e2e";
assert.ok(BASE, "CAIRN_URL (the node's address) is required");
mkdirSync(ARTIFACTS, { recursive: true });

let chromium;
before(async () => {
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
});

/** Every text the progress label showed, caught as it is set (the page moves on in the same task as 100%). */
function recordPercents() {
  window.__percents = [];
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.target instanceof Element && record.target.id === "percent") {
        for (const node of record.addedNodes) {
          window.__percents.push(node.textContent);
        }
      }
    }
  }).observe(document, { subtree: true, childList: true });
}

test("a file uploaded through the upload page lands on its content page", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.addInitScript(recordPercents);
    await page.goto(`${BASE}/`);
    await page.waitForSelector("#upload-page");
    const message = page.locator("#message");
    await assert.doesNotReject(message.filter({ hasText: /Up to/ }).waitFor(), "the page read Tus-Max-Size");

    const bytes = randomBytes(3 * 1024 * 1024);
    await page.setInputFiles("#file", { name: "sample.bin", mimeType: "application/octet-stream", buffer: bytes });
    await page.fill("#title", "Browser upload");
    await page.click("#start");

    await page.waitForURL(/\/content\/[0-9a-f]{64}$/, { timeout: 60_000 });
    const percents = await page.evaluate(() => window.__percents);
    assert.equal(percents.at(-1), "100%", `the progress bar ended at 100%: ${percents.join(" ")}`);

    const contentId = new URL(page.url()).pathname.split("/").at(-1);
    // The content id names the stored, encrypted blob of exactly this upload.
    const blob = await fetch(`${BASE}/api/v1.5/storage/${contentId}`, { method: "HEAD" });
    assert.equal(blob.status, 200, `the node stores ${contentId}`);
    await page.waitForSelector("#content-page");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll on the content page: ${overflow} px`);
    await page.screenshot({ path: join(ARTIFACTS, "upload-landed.png"), fullPage: true });
  } finally {
    await page.close();
  }
});

test("a file uploaded through the upload page is listed on My content, linking to its content page", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${BASE}/upload`);
    await page.locator("#message").filter({ hasText: /Up to/ }).waitFor();
    await page.setInputFiles("#file", { name: "mine.bin", mimeType: "application/octet-stream", buffer: randomBytes(64 * 1024) });
    const title = `Mine ${Date.now()}`;
    await page.fill("#title", title);
    await page.click("#start");
    await page.waitForURL(/\/content\/[0-9a-f]{64}$/, { timeout: 60_000 });
    const contentId = new URL(page.url()).pathname.split("/").at(-1);

    await page.click("nav a[href='/mine']");
    await page.waitForURL(/\/mine$/);
    const entry = page.locator(`#uploads li:has(a[href='/content/${contentId}'])`);
    await entry.waitFor({ timeout: 10_000 });
    assert.equal(await entry.locator("a").textContent(), title);
    assert.match(await entry.getAttribute("data-status"), /^(pending|processing|ready|failed)$/);
    // Newest first: the upload just made heads the list.
    assert.equal(await page.locator("#uploads li a").first().getAttribute("href"), `/content/${contentId}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll on My content: ${overflow} px`);
    await page.screenshot({ path: join(ARTIFACTS, "mine.png"), fullPage: true });

    await entry.locator("a").click();
    await page.waitForURL(new RegExp(`/content/${contentId}$`));
    await page.waitForSelector("#content-page");
  } finally {
    await page.close();
  }
});

test("an upload paused mid-way resumes from the node's offset and completes", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.addInitScript(recordPercents);
    // A slow uplink (256 KiB/s), so that the pause lands in the middle of the one PATCH.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    const patchOffsets = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH") patchOffsets.push(Number(r.headers()["upload-offset"]));
    });
    await page.goto(`${BASE}/upload`);
    await page.locator("#message").filter({ hasText: /Up to/ }).waitFor();
    await page.setInputFiles("#file", { name: "paused.bin", mimeType: "application/octet-stream", buffer: randomBytes(1024 * 1024) });
    await page.click("#start");
    await page.waitForFunction(() => Number(document.querySelector("#progress")?.value) >= 20, null, { timeout: 30_000 });
    await page.click("#pause");
    await page.locator("#pause", { hasText: "Resume" }).waitFor();
    const pausedAt = await page.evaluate(() => Number(document.querySelector("#progress").value));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await page.evaluate(() => Number(document.querySelector("#progress").value)), pausedAt, "no progress while paused");

    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.click("#pause");
    await page.waitForURL(/\/content\/[0-9a-f]{64}$/, { timeout: 60_000 });
    const percents = await page.evaluate(() => window.__percents);
    assert.equal(percents.at(-1), "100%");
    assert.ok(percents.some((p) => p !== "0%" && p !== "100%"), `intermediate progress shown: ${percents.join(" ")}`);
    // The resumed PATCH starts where the node says the paused one got to, not at 0.
    assert.ok(patchOffsets.length >= 2 && patchOffsets.at(-1) > 0, `PATCH offsets ${patchOffsets}`);
  } finally {
    await page.close();
  }
});

test("a PATCH that fails is retried by itself and the upload completes", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    let failed = 0;
    await page.route("**/api/v1/upload.tus/*", async (route) => {
      if (route.request().method() === "PATCH" && failed === 0) {
        failed++;
        // As a proxy in the way might: the request never reaches the node.
        return route.fulfill({ status: 502, headers: { "Tus-Resumable": "1.0.0" }, body: "bad gateway" });
      }
      return route.continue();
    });
    await page.goto(`${BASE}/upload`);
    await page.locator("#message").filter({ hasText: /Up to/ }).waitFor();
    await page.setInputFiles("#file", { name: "retried.bin", mimeType: "application/octet-stream", buffer: randomBytes(64 * 1024) });
    await page.click("#start");
    await page.waitForURL(/\/content\/[0-9a-f]{64}$/, { timeout: 60_000 });
    assert.equal(failed, 1);
  } finally {
    await page.close();
  }
});

test("a file over the node's limit is refused before any byte is sent", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    let tusRequests = 0;
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/upload.tus") && r.method() !== "OPTIONS") tusRequests++;
    });
    await page.goto(`${BASE}/upload`);
    await page.locator("#message").filter({ hasText: /Up to/ }).waitFor();
    const limit = Number((await page.request.fetch(`${BASE}/api/v1/upload.tus`, { method: "OPTIONS" })).headers()["tus-max-size"]);
    await page.setInputFiles("#file", { name: "big.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(limit + 1) });
    await page.locator("#message.error").waitFor();
    assert.equal(await page.isDisabled("#start"), true);
    assert.equal(tusRequests, 0);
  } finally {
    await page.close();
  }
});

const CONTENT_ID = "c".repeat(64);
const THEME = { bg_color: "#fdf6e3", text_color: "#1b1b1b", button_color: "#3a7bd5", button_text_color: "#ffffff", secondary_bg_color: "#eee8d5", hint_color: "#7a7a7a" };
// A content.view answer of the documented shape for a caller who may buy: the layout under test is the page's,
// so the answer is fixed here rather than made by a conversion that this node's build may not run yet.
const FOR_SALE = {
  content_id: CONTENT_ID,
  title: "A rather long title that has to wrap on a narrow phone screen without pushing anything aside",
  kind: "audio",
  mime_type: "audio/mpeg",
  size: 4718592,
  duration_ms: 181000,
  cover_url: "/e2e-cover.svg",
  status: "ready",
  derivatives: [
    { kind: "preview", status: "ready", progress_percent: 100 },
    { kind: "cover", status: "ready", progress_percent: 100 },
  ],
  display_options: [],
  downloadable: false,
  license: "unlicensed",
  purchase_options: [
    { method: "ton", amount: 1_500_000_000, currency: "TON" },
    { method: "stars", amount: 50000, currency: "XTR" },
  ],
};
// A wide cover (2:1): object-fit: contain must letterbox it in the square slot.
const COVER = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#c0392b"/></svg>';

async function fixturePage(width, view, scheme = "light") {
  const page = await chromium.browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(
    ([theme, colorScheme]) => {
      window.Telegram = { WebApp: { initData: "", themeParams: theme, colorScheme, ready() {}, expand() {} } };
    },
    [THEME, scheme],
  );
  await page.route(`**/api/v1/content.view/${CONTENT_ID}`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(view) }),
  );
  await page.route("**/e2e-cover.svg", (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: COVER }));
  await page.goto(`${BASE}/content/${CONTENT_ID}`);
  return page;
}

/** The box of the cover's red pixels in a screenshot of the slot: what the person sees, not what CSS claims. */
async function drawnCover(page) {
  const png = await page.locator("#cover").screenshot();
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data: pixels, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    let [left, top, right, bottom] = [width, height, -1, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(pixels[i] - 0xc0) < 8 && Math.abs(pixels[i + 1] - 0x39) < 8 && Math.abs(pixels[i + 2] - 0x2b) < 8) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return { width: right - left + 1, height: bottom - top + 1, slot: [width, height] };
  }, png.toString("base64"));
}

for (const width of [320, 390, 768]) {
  test(`at ${width} px both purchase buttons share one row and the cover fits its square slot`, async () => {
    const page = await fixturePage(width, FOR_SALE);
    try {
      await page.waitForSelector("#purchases button[data-method=ton]");
      await page.waitForFunction(() => document.querySelector("#cover img")?.complete);
      const layout = await page.evaluate(() => {
        const rect = (el) => el.getBoundingClientRect();
        const [first, second] = [...document.querySelectorAll("#purchases button")];
        const slot = document.querySelector("#cover");
        const img = slot.querySelector("img");
        return {
          methods: [first.dataset.method, second.dataset.method],
          tops: [rect(first).top, rect(second).top],
          heights: [rect(first).height, rect(second).height],
          rights: [rect(first).right, rect(second).right],
          viewport: document.documentElement.clientWidth,
          scrollWidth: document.documentElement.scrollWidth,
          slot: { width: rect(slot).width, height: rect(slot).height, background: getComputedStyle(slot).backgroundColor },
          img: { natural: [img.naturalWidth, img.naturalHeight], fit: getComputedStyle(img).objectFit, box: [rect(img).width, rect(img).height] },
        };
      });
      await page.screenshot({ path: join(ARTIFACTS, `content-${width}.png`), fullPage: true });
      const drawn = await drawnCover(page);
      assert.ok(Math.abs(drawn.width / drawn.height - 2) < 0.05, `the cover is drawn at its natural 2:1: ${JSON.stringify(drawn)}`);

      assert.deepEqual(layout.methods, ["stars", "ton"]);
      assert.ok(Math.abs(layout.tops[0] - layout.tops[1]) <= 2, `one row: tops ${layout.tops}`);
      assert.ok(Math.abs(layout.heights[0] - layout.heights[1]) <= 2, `no label wrapped: heights ${layout.heights}`);
      assert.ok(Math.max(...layout.rights) <= layout.viewport, `inside the viewport: ${layout.rights} <= ${layout.viewport}`);
      assert.ok(layout.scrollWidth <= layout.viewport, `no horizontal scroll: ${layout.scrollWidth}`);
      assert.ok(Math.abs(layout.slot.width - layout.slot.height) <= 1, `square slot: ${layout.slot.width}x${layout.slot.height}`);
      assert.equal(layout.slot.background, "rgb(253, 246, 227)", "the slot is the theme's bg_color");
      assert.equal(layout.img.fit, "contain");
      assert.deepEqual(layout.img.natural, [400, 200]);
      assert.deepEqual(layout.img.box, [layout.slot.width, layout.slot.height], "the image box fills the slot");
    } finally {
      await page.close();
    }
  });
}

test("a licensed caller sees the owned state instead of purchase buttons, in the dark theme", async () => {
  const page = await fixturePage(390, { ...FOR_SALE, license: "licensed", purchase_options: [] }, "dark");
  try {
    await page.waitForSelector("#owned");
    assert.equal(await page.locator("#purchases").count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.scheme), "dark");
    await page.screenshot({ path: join(ARTIFACTS, "content-owned-dark.png"), fullPage: true });
  } finally {
    await page.close();
  }
});

test("inside Telegram the app sends the Mini App's initData as its authorization", async () => {
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    const initData = "query_id=AAE&user=%7B%22id%22%3A42%7D&auth_date=1764090000&hash=00ff";
    await page.addInitScript((data) => {
      window.Telegram = { WebApp: { initData: data, themeParams: {}, colorScheme: "dark" } };
    }, initData);
    const sent = new Promise((resolve) =>
      page.route(`**/api/v1/content.view/${CONTENT_ID}`, (route) => {
        resolve(route.request().headers()["authorization"]);
        return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(FOR_SALE) });
      }),
    );
    await page.goto(`${BASE}/content/${CONTENT_ID}`);
    assert.equal(await sent, `tma ${initData}`);
  } finally {
    await page.close();
  }
});

test("while processing the page shows each rendition's progress, then plays the preview once ready", async () => {
  const processing = {
    ...FOR_SALE,
    status: "processing",
    duration_ms: undefined,
    cover_url: undefined,
    derivatives: [
      { kind: "preview", status: "processing", progress_percent: 40 },
      { kind: "low", status: "pending", progress_percent: 0 },
      { kind: "high", status: "pending", progress_percent: 0 },
      { kind: "cover", status: "ready", progress_percent: 100 },
    ],
  };
  const ready = {
    ...FOR_SALE,
    display_options: [{ kind: "preview", action: "play", decrypted: false, mime_type: "audio/wav", size: 32044, url: "/e2e-preview.wav" }],
  };
  const answers = [processing, processing];
  const page = await fixturePage(390, processing);
  try {
    await page.unroute(`**/api/v1/content.view/${CONTENT_ID}`);
    await page.route(`**/api/v1/content.view/${CONTENT_ID}`, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answers.shift() ?? ready) }),
    );
    await page.route("**/e2e-preview.wav", (route) => route.fulfill({ status: 200, contentType: "audio/wav", body: wav(2) }));
    await page.reload();
    await page.waitForSelector("#derivatives li[data-kind=preview] progress");
    assert.equal(await page.locator("#status").getAttribute("data-status"), "processing");
    assert.equal(await page.locator("#derivatives li[data-kind=preview] progress").getAttribute("value"), "40");
    await page.screenshot({ path: join(ARTIFACTS, "content-processing.png"), fullPage: true });

    // The page polls content.view by itself until the content is ready.
    await page.waitForSelector("#status[data-status=ready]", { timeout: 15_000 });
    assert.equal(await page.locator("#derivatives").count(), 0);
    const played = await page.evaluate(async () => {
      const media = document.querySelector("#player");
      media.muted = true;
      await media.play();
      const start = media.currentTime;
      await new Promise((r) => setTimeout(r, 600));
      return { duration: media.duration, start, now: media.currentTime };
    });
    assert.ok(Math.abs(played.duration - 2) < 0.1, `the preview reports its duration: ${played.duration}`);
    assert.ok(played.now > played.start, `the preview advances: ${JSON.stringify(played)}`);
  } finally {
    await page.close();
  }
});

test("a song uploaded through the page is converted by the node and plays from its signed URL", async () => {
  // No stand-ins: the node converts the upload with FFmpeg, content.view answers from its database, and the player
  // streams a decrypted rendition through a signed media URL (the owner, in local mode, may play low and high).
  const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await page.goto(`${BASE}/upload`);
    await page.locator("#message").filter({ hasText: /Up to/ }).waitFor();
    await page.setInputFiles("#file", { name: "tone.wav", mimeType: "audio/wav", buffer: wav(3, 44_100) });
    await page.fill("#title", "A real tone");
    await page.click("#start");
    await page.waitForURL(/\/content\/[0-9a-f]{64}$/, { timeout: 60_000 });

    await page.waitForSelector("#status[data-status=ready]", { timeout: 90_000 });
    await page.screenshot({ path: join(ARTIFACTS, "content-converted.png"), fullPage: true });
    const source = await page.evaluate(() => document.querySelector("#player").currentSrc);
    assert.match(source, /\/api\/v1\/media\/[0-9a-f]{64}\/(low|high)\?/, `the owner plays a licensed rendition: ${source}`);
    const played = await page.evaluate(async () => {
      const media = document.querySelector("#player");
      media.muted = true;
      await media.play();
      const start = media.currentTime;
      await new Promise((r) => setTimeout(r, 800));
      return { duration: media.duration, start, now: media.currentTime };
    });
    assert.ok(Math.abs(played.duration - 3) < 0.25, `the rendition reports the song's duration: ${played.duration}`);
    assert.ok(played.now > played.start, `the rendition advances: ${JSON.stringify(played)}`);
  } finally {
    await page.close();
  }
});
