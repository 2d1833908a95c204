// Purchases on the content page, in Chromium against a running node (CAIRN_URL).
//
// The first tests fix the node's purchase answers with page.route, as mini-app.test.mjs fixes content.view: they check
// the page's side (the flow, the owned state, error lines, the lazy TON chunk) on any node, local mode included.
// The last test buys for real and runs only when CAIRN_PAY_URL is set (the Java side's payment stand-in): a valid
// initData for CAIRN_BUYER_ID, the node's own purchase endpoints, and an openInvoice that has the stand-in pay.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launch } from "./browser.mjs";
import { wav } from "./media.mjs";
import { initDataFor } from "./init-data.mjs";

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

const CONTENT_ID = "d".repeat(64);
const INTENT_ID = "abcdefghijklmnopqrstuvwxyz";
const PREVIEW = { kind: "preview", action: "play", decrypted: false, mime_type: "audio/wav", size: 32044, url: "/e2e-preview.wav" };
const FOR_SALE = {
  content_id: CONTENT_ID,
  title: "A song for sale",
  kind: "audio",
  mime_type: "audio/mpeg",
  size: 4718592,
  duration_ms: 2000,
  status: "ready",
  derivatives: ["preview", "low", "high"].map((kind) => ({ kind, status: "ready", progress_percent: 100 })),
  display_options: [PREVIEW],
  downloadable: false,
  license: "unlicensed",
  purchase_options: [
    { method: "stars", amount: 50, currency: "XTR" },
    { method: "ton", amount: 1_500_000_000, currency: "TON" },
  ],
};
const LICENSED = {
  ...FOR_SALE,
  license: "licensed",
  purchase_options: [],
  display_options: [
    { kind: "low", action: "play", decrypted: true, mime_type: "audio/wav", size: 16044, url: "/e2e-low.wav?sig=x" },
    { kind: "high", action: "play", decrypted: true, mime_type: "audio/wav", size: 32044, url: "/e2e-high.wav?sig=x" },
  ],
};

function intent(method, overrides = {}) {
  const base = {
    intent_id: INTENT_ID,
    content_id: CONTENT_ID,
    method,
    amount: method === "stars" ? "50" : "1500000000",
    currency: method === "stars" ? "XTR" : "TON",
    status: "pending",
    expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
    licensed: false,
  };
  const extra =
    method === "stars"
      ? { invoice_link: "https://t.me/$e2eInvoice" }
      : {
          ton: {
            address: "EQD__________________________________________0vo",
            amount: "1500000000",
            comment: INTENT_ID,
            transfer_url: `ton://transfer/EQD__________________________________________0vo?amount=1500000000&text=${INTENT_ID}`,
          },
        };
  return { ...base, ...extra, ...overrides };
}

/**
 * The content page with content.view and the purchase endpoints fixed: `views` and `polls` are answered in turn (the
 * last one repeats), `created` answers the POST. `invoiceStatus` is what the emulated openInvoice reports, after
 * `invoiceDelayMs` (null: no openInvoice, as outside Telegram).
 */
async function purchasePage({ width = 390, views, created, polls = [], invoiceStatus = "paid", invoiceDelayMs = 300, emulate = true, open }) {
  const page = await chromium.browser.newPage({ viewport: { width, height: 900 } });
  const seen = { posts: [], polls: 0, invoices: [] };
  await page.exposeFunction("__invoiceOpened", (link) => seen.invoices.push(link));
  if (emulate) await page.addInitScript(
    ([status, delay]) => {
      const app = { initData: "", themeParams: {}, colorScheme: "light", ready() {}, expand() {} };
      if (status !== null) {
        app.openInvoice = (link, callback) => {
          window.__invoiceOpened(link);
          setTimeout(() => callback(status), delay);
        };
      }
      window.Telegram = { WebApp: app };
    },
    [invoiceStatus, invoiceDelayMs],
  );
  const answers = [...views];
  await page.route(`**/api/v1/content.view/${CONTENT_ID}`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answers.length > 1 ? answers.shift() : answers[0]) }),
  );
  await page.route("**/api/v1/purchases", (route) => {
    seen.posts.push(route.request().postDataJSON());
    return route.fulfill({ status: created.status, contentType: "application/json", body: JSON.stringify(created.body) });
  });
  const pollAnswers = [...polls];
  await page.route(`**/api/v1/purchases/${INTENT_ID}`, (route) => {
    seen.polls++;
    const body = pollAnswers.length > 1 ? pollAnswers.shift() : pollAnswers[0];
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });
  });
  await page.route("**/e2e-*.wav*", (route) => route.fulfill({ status: 200, contentType: "audio/wav", body: wav(2) }));
  if (open) {
    await open(page);
  } else {
    await page.goto(`${BASE}/content/${CONTENT_ID}`);
    await page.waitForSelector("#purchases button[data-method=stars]");
  }
  return { page, seen };
}

async function playFor(page, ms) {
  return page.evaluate(async (wait) => {
    const media = document.querySelector("#player");
    media.muted = true;
    await media.play();
    const start = media.currentTime;
    await new Promise((r) => setTimeout(r, wait));
    return { duration: media.duration, start, now: media.currentTime, src: media.currentSrc };
  }, ms);
}

test("Stars: the invoice is paid, the page polls until licensed, then shows the owned state and plays high", async () => {
  const { page, seen } = await purchasePage({
    width: 320,
    views: [FOR_SALE, LICENSED],
    created: { status: 201, body: intent("stars") },
    polls: [intent("stars", { status: "paid" }), intent("stars", { status: "paid", licensed: true })],
    invoiceDelayMs: 800,
  });
  try {
    await page.click("#purchases button[data-method=stars]");
    // While the invoice is open: both buttons disabled, still one row at 320 px.
    await page.waitForSelector("#purchase-message[data-phase=awaiting_payment]");
    const busy = await page.evaluate(() => {
      const buttons = [...document.querySelectorAll("#purchases button")];
      return { disabled: buttons.map((b) => b.disabled), tops: buttons.map((b) => b.getBoundingClientRect().top) };
    });
    assert.deepEqual(busy.disabled, [true, true]);
    assert.ok(Math.abs(busy.tops[0] - busy.tops[1]) <= 2, `one row while busy: ${busy.tops}`);
    await page.screenshot({ path: join(ARTIFACTS, "purchase-stars-awaiting-320.png"), fullPage: true });

    await page.waitForSelector("#owned", { timeout: 20_000 });
    await page.waitForSelector("#qualities button[data-kind=high]");
    assert.equal(await page.locator("#purchases").count(), 0, "the owned state replaces the buttons");
    assert.deepEqual(seen.posts, [{ content_id: CONTENT_ID, method: "stars" }]);
    assert.deepEqual(seen.invoices, ["https://t.me/$e2eInvoice"]);
    assert.ok(seen.polls >= 2, `polled until licensed: ${seen.polls}`);
    const played = await playFor(page, 600);
    assert.match(played.src, /\/e2e-high\.wav/, "high plays first");
    assert.ok(Math.abs(played.duration - 2) < 0.1 && played.now > played.start, JSON.stringify(played));
    await page.screenshot({ path: join(ARTIFACTS, "purchase-stars-owned-320.png"), fullPage: true });
  } finally {
    await page.close();
  }
});

test("Stars: closing the invoice goes back to the buttons quietly", async () => {
  const { page, seen } = await purchasePage({ views: [FOR_SALE], created: { status: 201, body: intent("stars") }, invoiceStatus: "cancelled" });
  try {
    await page.click("#purchases button[data-method=stars]");
    await page.waitForSelector("#purchase-message[data-phase=awaiting_payment]");
    await page.waitForFunction(() => !document.querySelector("#purchases button")?.disabled && !document.querySelector("#purchase-message"), null, { timeout: 10_000 });
    assert.equal(seen.invoices.length, 1);
    assert.equal(seen.polls, 0);
  } finally {
    await page.close();
  }
});

for (const [status, code, text] of [
  [409, "not_for_sale", /not for sale/],
  [409, "own_content", /You uploaded this content/],
  [503, "payments_unavailable", /unavailable on this node/],
  [404, "content_not_found", /no longer on this node/],
]) {
  test(`a ${status} ${code} refusal shows its own error line and enables the buttons again`, async () => {
    const body = { code, message: code, error_id: "0".repeat(32), session_id: "e2e" };
    const { page } = await purchasePage({ views: [FOR_SALE], created: { status, body } });
    try {
      await page.click("#purchases button[data-method=stars]");
      const line = page.locator("#purchase-message.error");
      await line.waitFor();
      assert.match(await line.textContent(), text);
      assert.equal(await page.isDisabled("#purchases button[data-method=ton]"), false);
    } finally {
      await page.close();
    }
  });
}

test("Stars outside Telegram: the invoice link is shown and the page turns owned once the node says so", async () => {
  const { page } = await purchasePage({
    views: [FOR_SALE, LICENSED],
    created: { status: 201, body: intent("stars") },
    polls: [intent("stars"), intent("stars", { status: "paid", licensed: true })],
    invoiceStatus: null,
  });
  try {
    await page.click("#purchases button[data-method=stars]");
    assert.equal(await page.locator("#invoice-link").getAttribute("href"), "https://t.me/$e2eInvoice");
    await page.waitForSelector("#owned", { timeout: 20_000 });
  } finally {
    await page.close();
  }
});

// A Telegram web client: the app in a frame, opened with launch parameters and no telegram-web-app.js, so the
// app's own bridge (src/telegram/bridge.ts) posts web_app_open_invoice to the parent, which answers invoice_closed.
const TELEGRAM_WEB = `<!doctype html><body style="margin:0">
<iframe id="app" style="width:390px;height:880px;border:0"></iframe>
<script>
  window.opened = [];
  addEventListener("message", (event) => {
    const { eventType, eventData } = JSON.parse(event.data);
    if (eventType !== "web_app_open_invoice") return;
    window.opened.push(eventData.slug);
    setTimeout(() => event.source.postMessage(JSON.stringify({ eventType: "invoice_closed", eventData: { slug: eventData.slug, status: "paid" } }), "*"), 300);
  });
  const initData = "auth_date=1764090000&user=%7B%22id%22%3A42%7D&hash=00";
  document.getElementById("app").src = "/content/${CONTENT_ID}#tgWebAppData=" + encodeURIComponent(initData) + "&tgWebAppVersion=8.0";
</script>`;

test("in a Telegram web client without telegram-web-app.js, the app's own bridge opens the invoice and hears it paid", async () => {
  const { page, seen } = await purchasePage({
    views: [FOR_SALE, LICENSED],
    created: { status: 201, body: intent("stars") },
    polls: [intent("stars", { status: "paid", licensed: true })],
    emulate: false,
    open: async (p) => {
      await p.route("**/e2e-telegram-web.html", (route) => route.fulfill({ status: 200, contentType: "text/html", body: TELEGRAM_WEB }));
      await p.goto(`${BASE}/e2e-telegram-web.html`);
    },
  });
  try {
    const app = page.frameLocator("#app");
    await app.locator("#purchases button[data-method=stars]").click();
    await app.locator("#owned").waitFor({ timeout: 20_000 });
    assert.deepEqual(await page.evaluate(() => window.opened), ["e2eInvoice"]);
    assert.equal(seen.polls >= 1, true);
  } finally {
    await page.close();
  }
});

test("TON: TON Connect's code is fetched only when the TON button is pressed", async () => {
  const { page, seen } = await purchasePage({ views: [FOR_SALE], created: { status: 201, body: intent("ton") } });
  try {
    const scripts = [];
    page.on("request", (r) => r.resourceType() === "script" && scripts.push(new URL(r.url()).pathname));
    // Nothing of TON Connect in the first paint's scripts.
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    assert.ok(!loaded.some((p) => /ton-/.test(p)), `no TON chunk before the press: ${loaded}`);

    await page.click("#purchases button[data-method=ton]");
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/assets\/ton-connect-/.test(e.name)), null, { timeout: 10_000 });
    assert.deepEqual(seen.posts, [{ content_id: CONTENT_ID, method: "ton" }]);
    // No wallet is connected: TON Connect's wallet list opens (its own root element in the document).
    await page.waitForSelector("#tc-widget-root", { state: "attached", timeout: 10_000 });
    assert.equal(await page.locator("#purchase-message.error").count(), 0, "the payload was built and TON Connect started");
    await page.screenshot({ path: join(ARTIFACTS, "purchase-ton-connect.png"), fullPage: true });
  } finally {
    await page.close();
  }
});

// ---- A real purchase, paid through the Java side's stand-in for Telegram's payment (CAIRN_PAY_URL). ----

const PAY_URL = process.env.CAIRN_PAY_URL;

test(
  "a buyer pays for another user's video in Stars and then plays its high quality",
  { skip: PAY_URL ? false : "CAIRN_PAY_URL is not set: the real purchase needs the node's payment stand-in (set by the Java side)" },
  async () => {
    const { CAIRN_BOT_TOKEN: token, CAIRN_BUYER_ID: buyer, CAIRN_CONTENT_ID: contentId } = process.env;
    assert.ok(token && buyer && contentId, "with CAIRN_PAY_URL, CAIRN_BOT_TOKEN, CAIRN_BUYER_ID and CAIRN_CONTENT_ID are required");
    assert.match(buyer, /^\d+$/, "CAIRN_BUYER_ID is a Telegram user id");
    const initData = initDataFor(token, buyer);

    // What the buyer may see before paying, from the node itself: the preview only.
    const before = await fetch(`${BASE}/api/v1/content.view/${contentId}`, { headers: { Authorization: `tma ${initData}` } });
    assert.equal(before.status, 200, `content.view as the buyer: ${before.status}`);
    const view = await before.json();
    assert.equal(view.license, "unlicensed");
    assert.deepEqual(view.display_options.map((o) => o.kind), ["preview"], "only the preview before paying");
    assert.ok(view.purchase_options.some((o) => o.method === "stars"), "priced in Stars");

    const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      const payments = [];
      // Telegram's payment sheet, stood in for by the Java side: it settles the invoice as Telegram would.
      await page.exposeFunction("__cairnPay", async (link) => {
        const answer = await fetch(PAY_URL, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ link, user_id: Number(buyer) }),
        });
        payments.push({ link, status: answer.status });
        return answer.status === 200;
      });
      await page.addInitScript((data) => {
        window.Telegram = {
          WebApp: {
            initData: data,
            themeParams: {},
            colorScheme: "light",
            ready() {},
            expand() {},
            openInvoice(link, callback) {
              window.__cairnPay(link).then(
                (paid) => callback(paid ? "paid" : "failed"),
                () => callback("failed"),
              );
            },
          },
        };
      }, initData);
      await page.goto(`${BASE}/content/${contentId}`);
      await page.waitForSelector("#purchases button[data-method=stars]");
      assert.equal(await page.locator("#qualities").count(), 0, "no quality switch before paying");
      assert.equal(await page.locator("#owned").count(), 0);
      await page.screenshot({ path: join(ARTIFACTS, "purchase-real-before.png"), fullPage: true });

      await page.click("#purchases button[data-method=stars]");
      await page.waitForSelector("#owned", { timeout: 60_000 }).catch(async (error) => {
        const message = await page.locator("#purchase-message").textContent().catch(() => null);
        throw new Error(`not owned: ${message ?? "no message"}; payments ${JSON.stringify(payments)}`, { cause: error });
      });
      assert.equal(payments.length, 1, `one payment: ${JSON.stringify(payments)}`);
      assert.equal(payments[0].status, 200);
      assert.equal(await page.locator("#purchases").count(), 0, "the owned state replaces the buttons");

      // Licensed: low and high, high selected; press it anyway, as a buyer switching quality would.
      const high = page.locator("#qualities button[data-kind=high]");
      await high.waitFor({ timeout: 15_000 });
      await high.click();
      const played = await playFor(page, 1000);
      assert.match(played.src, new RegExp(`/api/v1/media/${contentId}/high\\?`), `the high rendition plays: ${played.src}`);
      assert.ok(Number.isFinite(played.duration) && played.duration > 0, `the video reports a duration: ${played.duration}`);
      assert.ok(played.now > played.start, `the video advances: ${JSON.stringify(played)}`);
      await page.screenshot({ path: join(ARTIFACTS, "purchase-real-owned.png"), fullPage: true });
    } finally {
      await page.close();
    }
  },
);
