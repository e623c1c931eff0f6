import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from "../runtimes/chromium.js";
import { type StartedDemo, startDemo } from "./start-process.js";

// The demo page in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// `npm start` (the proxy in wrangler dev and the local Twilio emulator).
const missing = chromiumMissing();
if (missing) console.warn(`[demo-page] SKIPPED the browser test: ${missing}`);

/** Where the screenshot of a live call goes. */
const SCREENSHOT = process.env.DEMO_SCREENSHOT ?? ".tmp/demo.png";

/** A machine code where a person reads: `snake_case`, a Twilio code, an HTTP status. */
const MACHINE_CODE = /\b[a-z]+_[a-z_]+\b|\b\d{5}\b|\bHTTP \d{3}\b/;

describe.skipIf(missing !== undefined)("the demo page in headless Chromium", () => {
  let demo: StartedDemo;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];
  /** What the page asked the proxy for, as `METHOD /path`. */
  let sent: string[] = [];

  beforeAll(async () => {
    // Started side by side; whichever succeeded is kept, so afterAll stops it even if the other failed.
    const [started, launched] = await Promise.allSettled([
      startDemo({ EMULATOR_STEP_MS: "500" }),
      chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 }),
    ]);
    if (started.status === "fulfilled") demo = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    if (started.status === "rejected") throw started.reason;
    if (launched.status === "rejected") throw launched.reason;
    page = await browser.newPage({ viewport: { width: 760, height: 900 } });
    page.setDefaultTimeout(15_000);
    // Loopback only: a request to any other origin is blocked and fails the test.
    await page.route(
      (url) => url.origin !== demo.origin,
      (route) => {
        foreign.push(route.request().url());
        return route.abort();
      },
    );
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/v1/")) sent.push(`${request.method()} ${url.pathname}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const status = () => page.locator("#status");
  const statusIs = (value: string) =>
    expect.poll(() => status().getAttribute("data-status"), { timeout: 20_000 }).toBe(value);
  const hangUp = () => page.getByRole("button", { name: "Hang up" });
  const history = () =>
    page.getByRole("list", { name: "Status history" }).getByRole("listitem").allTextContents();

  const open = async () => {
    await page.goto(`${demo.origin}/`);
    const call = page.getByRole("button", { name: "Call", exact: true });
    await expect.poll(() => call.isEnabled(), { timeout: 10_000 }).toBe(true);
    sent = [];
    return call;
  };

  const place = async (to: string) => {
    const call = await open();
    await page.getByLabel("Phone number").fill(to);
    await call.click();
  };

  /** The alert's main message, after checking it carries no machine code; the codes are below it. */
  const refusal = async () => {
    const title = page.getByRole("alert").locator("strong");
    await expect.poll(() => title.count(), { timeout: 10_000 }).toBe(1);
    const text = (await title.textContent()) ?? "";
    expect(text).not.toMatch(MACHINE_CODE);
    return {
      title: text,
      alert: (await page.getByRole("alert").textContent()) ?? "",
      details: (await page.getByRole("alert").locator(".technical").textContent()) ?? "",
    };
  };

  it("types a number, presses Call, and sees each status pushed live, through to completed", async () => {
    const call = await open();
    await page.getByLabel("Phone number").fill("+14155552671");
    await page.getByLabel("Call flow").selectOption("greeting");
    await call.click();
    await statusIs("completed");
    expect(await status().textContent()).toBe("Completed");
    expect(await page.locator("#status-meaning").textContent()).toMatch(
      /^The call was answered and has ended after \d+ s\.$/,
    );
    const items = await history();
    expect(items.at(0)).toMatch(/^Queued at /);
    expect(items.at(-1)).toMatch(/^Completed at /);
    expect(items.length).toBeGreaterThanOrEqual(3);
    // Pushed: the page listened to the call's event stream and never had to poll it.
    expect(sent[0]).toBe("POST /v1/calls");
    expect(sent.filter((line) => line.endsWith("/events"))).toHaveLength(1);
    expect(sent.filter((line) => /^GET \/v1\/calls\/CA[0-9a-f]{32}$/.test(line))).toEqual([]);
    expect(await hangUp().isVisible()).toBe(false);
    expect(foreign).toEqual([]);
  }, 30_000);

  it("hangs up a ringing call, which ends canceled", async () => {
    await place("+14155550105");
    await statusIs("ringing");
    expect(await status().textContent()).toBe("Ringing");
    await hangUp().click();
    await statusIs("canceled");
    expect(await status().textContent()).toBe("Canceled");
    expect(await page.locator("#status-meaning").textContent()).toBe(
      "The call was ended before anyone answered.",
    );
    expect((await history()).at(-1)).toMatch(/^Canceled at /);
    expect(sent.filter((line) => line.endsWith("/hangup"))).toHaveLength(1);
    await expect.poll(() => hangUp().isVisible()).toBe(false);
    expect(await page.getByRole("alert").textContent()).toBe("");
    expect(foreign).toEqual([]);
  }, 30_000);

  it("hangs up an answered call, which ends completed", async () => {
    await place("+14155550106");
    await statusIs("in-progress");
    expect(await status().textContent()).toBe("In progress");
    // The README's picture (docs/demo.png, with DEMO_SCREENSHOT=docs/demo.png): a live call with its
    // Hang up button, and the numbers to try.
    await page.locator("#special summary").click();
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await hangUp().click();
    await statusIs("completed");
    expect(await status().textContent()).toBe("Completed");
    const items = await history();
    expect(items.slice(-2).map((item) => item.replace(/ at .*/, ""))).toEqual([
      "In progress",
      "Completed",
    ]);
    await expect.poll(() => hangUp().isVisible()).toBe(false);
    expect(await page.getByRole("alert").textContent()).toBe("");
    expect(foreign).toEqual([]);
  }, 30_000);

  it("names a refused country in words, with the keyboard alone", async () => {
    await open();
    await page.getByLabel("Phone number").focus();
    await page.keyboard.type("+18765550100");
    await page.keyboard.press("Enter");
    const { title, alert, details } = await refusal();
    expect(title).toBe("Calls to Jamaica are not allowed");
    expect(alert).toContain("ALLOWED_COUNTRIES");
    expect(details).toBe("Details: HTTP 403 · destination_country_not_allowed");
    expect(await status().textContent()).toBe("No call in progress.");
    expect(foreign).toEqual([]);
  }, 30_000);

  it("explains Twilio's refusal (21215, geographic permissions) and links to its docs", async () => {
    await place("+14155550109");
    const { title, details } = await refusal();
    expect(title).toBe("Your Twilio account may not call this country yet");
    expect(details).toBe("Details: HTTP 422 · upstream_refused · Twilio error 21215");
    const link = page.getByRole("link", { name: "Twilio's page on error 21215" });
    expect(await link.getAttribute("href")).toBe("https://www.twilio.com/docs/errors/21215");
    expect(foreign).toEqual([]); // the link is shown, never fetched
  }, 30_000);

  it("says what to type when the number is malformed", async () => {
    await place("+1 415 555 2671");
    const { title, details } = await refusal();
    expect(title).toBe("Write the number in international form");
    expect(details).toBe("Details: HTTP 422 · to_not_e164");
  }, 30_000);

  it("says when to try again after a spent quota, from Retry-After", async () => {
    // The proxy's answer to a caller over its minute quota, as worker/policy/windows.ts words it.
    const quota = JSON.stringify({
      type: "urn:twilio-edge-calls:problem:caller_minute_quota",
      title: "Quota exceeded",
      status: 429,
      detail: "Too many calls this minute.",
      code: "caller_minute_quota",
    });
    await page.route(`${demo.origin}/v1/calls`, (route) =>
      route.fulfill({
        status: 429,
        headers: { "Content-Type": "application/problem+json", "Retry-After": "58" },
        body: quota,
      }),
    );
    try {
      await place("+14155552671");
      const { title, alert, details } = await refusal();
      expect(title).toBe("You have placed too many calls this minute");
      expect(alert).toContain("Try again in 58 s.");
      expect(details).toBe("Details: HTTP 429 · caller_minute_quota");
      expect(sent).toEqual(["POST /v1/calls"]); // 58 s is too long to wait: not retried
    } finally {
      await page.unroute(`${demo.origin}/v1/calls`);
    }
  }, 30_000);
});
