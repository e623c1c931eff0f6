// `npm test`: every check in order, one progress line per step and a summary. Each step's full
// output (tarball listings, telemetry notices, binding tables, test reporters) goes to
// .tmp/test-logs/<step>.log, which the summary names; a failing step prints the tail of its log.
// `npm test -- lint unit` runs only the named steps; TEST_LOGS_DIR moves the logs elsewhere.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const logDir = process.env.TEST_LOGS_DIR || join(root, ".tmp", "test-logs");
const HEARTBEAT_MS = 30_000;
const TAIL_LINES = 60;

/**
 * The steps: `command` runs in a shell from the repository root; `gist` picks the line of its log
 * that the progress line shows (such as vitest's "Tests  N passed").
 * @type {{ name: string, what: string, command: string, gist?: RegExp }[]}
 */
const STEPS = [
  {
    name: "lint",
    what: "Biome, tracked files",
    command: "npm run lint",
    gist: /^Checked \d+ files?/,
  },
  { name: "typecheck", what: "tsc: core, tests, worker, demo", command: "npm run typecheck" },
  { name: "build", what: "dist/", command: "npm run build" },
  {
    name: "unit",
    what: "vitest: unit, worker, hardening, docs, e2e",
    command: "npm run test:unit",
    gist: /^\s*Tests\s+\d+/,
  },
  { name: "size", what: "size budgets", command: "npm run size" },
  {
    name: "runtimes",
    what: "packed tarball in Node, Deno, Bun, workerd, Chromium",
    command: "npm run test:runtimes",
    gist: /^runtimes: (all passed|FAILED)/,
  },
  {
    name: "deploy",
    what: "npm run deploy -- --dry-run",
    command: "npm run test:deploy",
    gist: /^\[deploy\] (dry run passed|preflight failed)/,
  },
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const plain = (/** @type {string} */ text) => text.replace(ANSI, "");
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one step with its output in its log file; resolves with its exit code and duration. */
const runStep = (/** @type {(typeof STEPS)[number]} */ step, /** @type {string} */ log) =>
  new Promise((done) => {
    const started = Date.now();
    const out = createWriteStream(log);
    const child = spawn(step.command, {
      cwd: root,
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", WRANGLER_SEND_METRICS: "false" },
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const heartbeat = setInterval(() => {
      console.log(`      … ${step.name} still running (${seconds(Date.now() - started)})`);
    }, HEARTBEAT_MS);
    child.on("close", (code) => {
      clearInterval(heartbeat);
      out.end(() => done({ code: code ?? 1, ms: Date.now() - started }));
    });
  });

const main = async () => {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown step ${unknown.join(", ")}; steps: ${STEPS.map((s) => s.name).join(", ")}`,
    );
    return 1;
  }
  const steps = STEPS.filter((step) => wanted.length === 0 || wanted.includes(step.name));
  mkdirSync(logDir, { recursive: true });
  const results = [];
  const startedAll = Date.now();
  for (const [index, step] of steps.entries()) {
    const log = join(logDir, `${step.name}.log`);
    console.log(`[${index + 1}/${steps.length}] ${step.name}: ${step.what}`);
    const { code, ms } = await runStep(step, log);
    const lines = plain(readFileSync(log, "utf8")).split("\n");
    const gist = step.gist ? lines.find((line) => step.gist?.test(line))?.trim() : undefined;
    const verdict = code === 0 ? "ok" : `FAILED (exit ${code})`;
    console.log(
      `      ${verdict} in ${seconds(ms)}${gist ? `: ${gist.replace(/\s+/g, " ")}` : ""}`,
    );
    results.push({ step, code, ms, log: relative(root, log) });
    if (code !== 0) {
      const tail = lines.filter((line) => line.trim()).slice(-TAIL_LINES);
      console.log(`\n--- last ${tail.length} lines of ${relative(root, log)} ---`);
      console.log(tail.join("\n"));
      console.log("--- end ---\n");
      break;
    }
  }
  const failed = results.find((result) => result.code !== 0);
  console.log(
    `\nnpm test: ${failed ? `FAILED at ${failed.step.name}` : "all passed"} in ${seconds(Date.now() - startedAll)}`,
  );
  for (const result of results) {
    console.log(
      `  ${result.code === 0 ? "ok  " : "FAIL"} ${result.step.name.padEnd(10)} ${seconds(result.ms).padStart(8)}  ${result.log}`,
    );
  }
  const counts = testCounts(results);
  if (counts) console.log(counts);
  return failed ? 1 : 0;
};

/**
 * The unit step's vitest totals as one plain line (`tests: 1644 passed, 0 failed, 2 skipped`), the
 * form CI systems read; undefined when that step did not run.
 */
const testCounts = (/** @type {Array<{ step: { name: string }, log: string }>} */ results) => {
  const unit = results.find((result) => result.step.name === "unit");
  if (!unit) return undefined;
  const line = plain(readFileSync(join(root, unit.log), "utf8"))
    .split("\n")
    .find((text) => /^\s*Tests\s+\d/.test(text));
  if (!line) return undefined;
  const count = (/** @type {string} */ word) =>
    Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
  const skipped = count("skipped");
  return `tests: ${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`;
};

main().then((code) => process.exit(code));
