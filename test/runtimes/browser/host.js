// Runs the browser entry in headless Chromium: bundles it, writes it with an HTML page into the
// stand-in's static folder, opens the page and prints the scenario's result line.
// Usage: node host.js <consumer project> <stand-in URL> <static folder> <chromium path>
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { bundle } from "../bundle.js";
import { CHROMIUM_ARGS } from "../chromium.js";
import { resultLine } from "../scenario.js";

const [consumer, standInUrl, staticDir, executablePath] = process.argv.slice(2);

writeFileSync(
  join(staticDir, "page.js"),
  await bundle(join(consumer, "runtimes/browser/page.js"), ["browser"]),
);
writeFileSync(
  join(staticDir, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>runtime matrix</title>
<script type="module" src="./page.js"></script>
`,
);

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${standInUrl}/static/index.html`);
  await page
    .waitForFunction(() => globalThis.scenarioResult !== undefined, null, { timeout: 20_000 })
    .catch(() => {
      throw new Error(
        `the page never started the scenario; ${problems.join("; ") || "no page error"}`,
      );
    });
  const checks = await page.evaluate(() => globalThis.scenarioResult);
  console.log(resultLine(`chromium ${browser.version()}`, checks));
} finally {
  await browser.close();
}
