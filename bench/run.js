// `npm run bench`: measures size, start-up, per-call cost and the proxy's overhead, prints one table
// and writes it to bench/RESULTS.md with the machine, the versions and the date.
import { existsSync, writeFileSync } from "node:fs";
import { environment } from "./environment.js";
import { startStandIn } from "./stand-in.js";
import { since } from "./stats.js";
import { markdownTable, textTable } from "./table.js";

/** Runs `measure` with the tests' emulator served on loopback, then stops it. */
const withStandIn = async (measure) => {
  const standIn = await startStandIn();
  try {
    return await measure(standIn.url);
  } finally {
    await standIn.close();
  }
};

// Each step's module is loaded when the step starts: dist/ may be missing, and the start-up step
// spawns processes from a parent that has not loaded twilio or Miniflare yet.
const STEPS = [
  [
    "size: bundling each entry and the official package with esbuild",
    async () => (await import("./size.js")).runSize(),
  ],
  [
    "start-up: fresh processes, bare node vs this package vs official",
    async () => (await import("./startup.js")).runStartup(),
  ],
  [
    "per call: calls.create against the emulator on loopback",
    async () => withStandIn((await import("./per-call.js")).runPerCall),
  ],
  [
    "proxy: the worker in workerd (Miniflare) in front of the emulator",
    async () => withStandIn((await import("./proxy.js")).runProxy),
  ],
  [
    "campaign pacing: 1,000 recipients at 50 calls/s through the worker and the emulator",
    async () => (await import("./campaign-pacing.js")).runCampaignPacing(),
  ],
];

if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
  console.error("bench: dist/ is missing; run `npm run build` first");
  process.exit(1);
}
const started = performance.now();
const rows = [];
let failed = 0;
for (const [index, [title, step]] of STEPS.entries()) {
  const stepStart = performance.now();
  process.stdout.write(`bench: [${index + 1}/${STEPS.length}] ${title} ... `);
  try {
    rows.push(...(await step()));
    console.log(`done in ${(since(stepStart) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed++;
    console.log(`FAILED: ${error?.message ?? error}`);
    rows.push({
      figure: `${title.split(":")[0]}: step failed`,
      "this package": String(error?.message ?? error),
    });
  }
}
const env = { ...environment(), "total run time": `${(since(started) / 1000).toFixed(1)} s` };
console.log(`\n${textTable(rows)}\n`);
for (const [label, value] of Object.entries(env)) console.log(`${label}: ${value}`);

const markdown = `# Benchmark results

Written by \`npm run bench\` (bench/run.js); run it again to refresh. Ratios in brackets compare with
raw \`fetch\` doing the same request; "official" is the \`twilio\` package.

${markdownTable(rows)}

${Object.entries(env)
  .map(([label, value]) => `- ${label}: ${value}`)
  .join("\n")}

Per-call and proxy figures are timings on a machine that may be busy with other work: they move
between runs by tens of percent, so compare runs made on the same machine, and read a goal that sits
near its line as neither met nor missed for good.

## How each figure is measured

- Bundle: the entry as a user imports it, bundled by esbuild (browser, ESM, minified) and gzipped at
  level 9. The official package does not build for browsers, so it is bundled for \`platform: node\`.
  Install size counts disk blocks as \`du\` does: for this package the published files (dist/,
  package.json, README, LICENSE, CHANGELOG); for the official one node_modules/twilio and every
  package in its dependency closure (from package-lock.json).
- Start-up: a fresh \`node\` process that imports the package, creates a client and reaches its calls
  resource, timed from spawn to exit; memory is its RSS once ready (not maxRSS, which on Linux
  keeps the parent's peak across fork and exec). Bare is a process that only
  reports its RSS. Medians of interleaved runs, order rotated each round.
- Per call: \`calls.create\` against the tests' Twilio emulator served on loopback by a child process
  (calls never progress, so nothing runs in the background). Raw fetch sends the same URL, headers and
  form body; the official package uses its own RequestClient with the URL rewritten to the emulator.
  Rounds alternate between the three; the ratio is the median of per-round ratios. The in-process row
  answers without any network (an injected fetch, an axios adapter), so only the libraries' own work is
  timed.
- Proxy: the worker bundled as wrangler does and run by Miniflare (workerd) with its Durable Objects,
  Twilio being the emulator; each accepted call is timed beside the same call sent straight to the
  emulator with this package, alternating. Refusals: requests with a wrong API key, sent 16 at a time.
- Campaign pacing: one campaign of 1,000 recipients with CAMPAIGN_CALLS_PER_SECOND=50, through the
  worker in Miniflare (campaign and pacer Durable Objects) to the emulator served on loopback (itself
  queueing at 50/s); the achieved rate is creates less one over the time from the first create the
  emulator saw to the last, and the busiest second is the most creates within any sliding second.
  Each create holds its place until a second (and 5 ms) after its answer, so the ceiling is
  rate x 1000 / (1005 + round trip): about 99 % on loopback.
`;
writeFileSync(new URL("RESULTS.md", import.meta.url), markdown);
console.log("bench: wrote bench/RESULTS.md");
if (failed) process.exit(1);
