import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from "../runtimes/chromium.js";
import { type StartedDemo, startDemo } from "./start-process.js";

// The demo page in a real browser: Debian's Chromium, headless, driven by playwright-core.
const missing = chromiumMissing();
if (missing) console.warn(`[demo-page] SKIPPED the browser test: ${missing}`);

describe.skipIf(missing !== undefined)("the demo page in headless Chromium", () => {
  let demo: StartedDemo;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];

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
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    // Loopback only: a request to any other origin is blocked and fails the test.
    await page.route(
      (url) => url.origin !== demo.origin,
      (route) => {
        foreign.push(route.request().url());
        return route.abort();
      },
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("types a number, presses Call, and sees the status go live to completed", async () => {
    await page.goto(`${demo.origin}/`);
    const call = page.getByRole("button", { name: "Call", exact: true });
    await expect.poll(() => call.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel("Phone number").fill("+14155552671");
    await page.getByLabel("Call flow").selectOption("greeting");
    await call.click();
    const status = page.getByRole("status");
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^completed/);
    const history = page.getByRole("list", { name: "Status history" }).getByRole("listitem");
    expect(await history.last().textContent()).toMatch(/^completed at /);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/demo.png", fullPage: true });
    expect(foreign).toEqual([]);
  }, 30_000);

  it("shows why a refused country is refused, with the keyboard alone", async () => {
    await page.goto(`${demo.origin}/`);
    await expect
      .poll(() => page.getByRole("button", { name: "Call", exact: true }).isEnabled(), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.getByLabel("Phone number").focus();
    await page.keyboard.type("+18765550100");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toContain("Destination not allowed");
    expect(await alert.textContent()).toContain("Calls to this country (JM) are not allowed.");
    expect(foreign).toEqual([]);
  }, 30_000);
});
