// Step 2: cost of a fresh process that imports a package and creates a client, over a bare `node`.
import { spawnSync } from "node:child_process";
import { median } from "./stats.js";
import { formatBytes, formatMs, formatRatio, goal } from "./table.js";

const ROOT = new URL("..", import.meta.url).pathname;
const RUNS = 31;
const SID = "AC00000000000000000000000000000000";
// Resident memory once ready. Not maxRSS: on Linux that keeps the parent's peak across fork and exec.
const REPORT = "process.stdout.write(String(process.memoryUsage.rss()));";

/** Each variant ends with the same report line; "ready" means holding a client's calls resource. */
const VARIANTS = {
  bare: REPORT,
  ours: `const { createClient } = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
void createClient({ accountSid: "${SID}", authToken: "token" }).calls; ${REPORT}`,
  official: `const { default: twilio } = await import("twilio");
void twilio("${SID}", "token").calls; ${REPORT}`,
};

/** Wall milliseconds (spawn to exit) and RSS in bytes of one fresh process running `code`. */
const runOnce = (code) => {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`start-up run failed: ${child.stderr}`);
  return { ms, rss: Number(child.stdout) };
};

/** Runs step 2 and returns its table rows. */
export const runStartup = () => {
  const names = Object.keys(VARIANTS);
  const samples = Object.fromEntries(names.map((name) => [name, { ms: [], rss: [] }]));
  runOnce(VARIANTS.official); // warms the file system cache
  for (let round = 0; round < RUNS; round++) {
    // Rotating the order keeps any drift within a round from favouring one variant.
    for (const name of [...names.slice(round % 3), ...names.slice(0, round % 3)]) {
      const { ms, rss } = runOnce(VARIANTS[name]);
      samples[name].ms.push(ms);
      samples[name].rss.push(rss);
    }
  }
  // Differences are taken round by round, so a busy stretch of the machine hits both sides alike.
  const extra = (name, key) =>
    median(samples[name][key].map((value, round) => value - samples.bare[key][round]));
  const [oursMs, officialMs] = [extra("ours", "ms"), extra("official", "ms")];
  const [oursRss, officialRss] = [extra("ours", "rss"), extra("official", "rss")];
  const bareMs = formatMs(median(samples.bare.ms));
  return [
    {
      figure: `start-up to a ready client, extra time over bare node (median of ${RUNS})`,
      "this package": `+${formatMs(oursMs)}`,
      official: `+${formatMs(officialMs)}`,
      baseline: `${bareMs} bare`,
      ratio: `${formatRatio(officialMs / Math.max(oursMs, 0.01))} less`,
      ...goal("<= +1.5 ms over bare node", oursMs <= 1.5),
    },
    {
      figure: `start-up to a ready client, extra RSS over bare node (median of ${RUNS})`,
      "this package": `+${formatBytes(oursRss)}`,
      official: `+${formatBytes(officialRss)}`,
      baseline: `${formatBytes(median(samples.bare.rss))} bare`,
      ratio: oursRss > 0 ? `${formatRatio(officialRss / oursRss)} less` : "",
      ...goal("< 2 MiB over bare node", oursRss < 2 * 1024 * 1024),
    },
  ];
};
