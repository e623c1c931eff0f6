// The runtime matrix: packs the package, installs the tarball into a consumer project, runs the one
// scenario (scenario.js) in Node 20, Node 24, Deno, Bun, workerd and Chromium against a loopback
// stand-in, then checks the tarball's contents with publint and attw. Exits 1 when anything fails.
// Usage: node test/runtimes/run.js [runtime names…]   (default: all)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installConsumer, pack } from "./pack.js";
import { checkFileList, lintTarball, typecheckConsumer } from "./quality.js";
import { runtimeTable } from "./runtimes.js";
import { CHECK_NAMES } from "./scenario.js";
import { startStandIn } from "./stand-in.js";

const TIME_LIMIT_MS = 90_000;
const MARKER = "RUNTIME-RESULT ";
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const log = (line) => console.log(line);

// Runs one runtime's entry; resolves with its stdout, stderr and exit status (never rejects).
const runEntry = (runtime, cwd, { args, env } = runtime) =>
  new Promise((done) => {
    const child = spawn(runtime.command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...runtime.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIME_LIMIT_MS);
    child.on(
      "error",
      (error) => (stderr += `could not start ${runtime.command}: ${error.message}`),
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({
        stdout,
        stderr,
        status: signal ? `killed (${signal}) after the time limit` : `exit ${code}`,
      });
    });
  });

// The gist of a runtime's stderr: its first lines that are not stack frames.
const tail = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("at "))
    .slice(0, 6)
    .join(" | ") || "(nothing on stderr)";

// One verdict line per runtime: "ok" with its version and check count, or what failed.
const verdict = (runtime, { stdout, stderr, status }) => {
  const fail = (why) => ({ ok: false, text: `${runtime.name}: ${why}` });
  const line = stdout.split("\n").find((text) => text.startsWith(MARKER));
  if (!line) return fail(`${status}, no result; stderr: ${tail(stderr)}`);
  const { runtime: reported, checks } = JSON.parse(line.slice(MARKER.length));
  if (!runtime.version.test(reported)) return fail(`ran as "${reported}", not ${runtime.version}`);
  const missing = CHECK_NAMES.filter((name) => !checks.some((check) => check.name === name));
  if (missing.length > 0) return fail(`did not run ${missing.join(", ")}`);
  const failed = checks.filter((check) => !check.ok);
  if (failed.length > 0)
    return fail(failed.map((check) => `${check.name}: ${check.why}`).join("; "));
  return { ok: true, text: `${reported.padEnd(24)} (${checks.length} checks)` };
};

// Why the README example failed, if it did: it must print exactly what the runtime table says.
const exampleProblem = (runtime, { stdout, stderr, status }) => {
  const { prints } = runtime.example;
  if (stdout.trim() === prints) return undefined;
  const printed = `printed "${stdout.trim()}" instead of "${prints}"`;
  return `${runtime.name}: README example: ${status}, ${printed}; stderr: ${tail(stderr)}`;
};

const wanted = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "runtime-matrix-"));
const failures = [];
try {
  log("runtimes: npm pack (builds dist/)");
  const report = pack(root, work);
  log(`runtimes: installing ${report.filename} into a consumer project (offline)`);
  const consumer = installConsumer(work, report.tarball, here);
  const staticDir = join(work, "static");
  mkdirSync(staticDir);
  const standIn = await startStandIn(staticDir);
  log(`runtimes: scenario: ${CHECK_NAMES.join(", ")}`);
  try {
    const table = runtimeTable({ root, here, work, consumer, standInUrl: standIn.url, staticDir });
    const unknown = wanted.filter((name) => !table.some((runtime) => runtime.name === name));
    if (unknown.length > 0) {
      throw new Error(
        `unknown runtime ${unknown.join(", ")}; known: ${table.map((r) => r.name).join(", ")}`,
      );
    }
    for (const runtime of table.filter((r) => wanted.length === 0 || wanted.includes(r.name))) {
      if (runtime.skip) {
        log(`runtimes: SKIP ${runtime.name}: ${runtime.skip}`);
        continue;
      }
      let { ok, text } = verdict(runtime, await runEntry(runtime, consumer));
      if (ok && runtime.example) {
        const problem = exampleProblem(runtime, await runEntry(runtime, consumer, runtime.example));
        ok = !problem;
        text = problem ?? `${text} + README example`;
      }
      log(`runtimes: ${ok ? "ok  " : "FAIL"} ${text}`);
      if (!ok) failures.push(runtime.name);
    }
  } finally {
    await standIn.close();
  }
  log("runtimes: package quality");
  const problems = [
    ...checkFileList(report, log),
    ...lintTarball(root, report.tarball, log),
    ...typecheckConsumer(root, consumer, log),
  ];
  for (const problem of problems) log(`runtimes: FAIL package: ${problem}`);
  if (problems.length > 0) failures.push("package");
} catch (error) {
  // execFileSync's message holds the command's stderr; a build's compiler errors are on stdout.
  const output = typeof error.stdout === "string" ? error.stdout.trim() : "";
  log(`runtimes: FAIL setup: ${error.message.trim()}${output ? `\n${output}` : ""}`);
  failures.push("setup");
} finally {
  rmSync(work, { recursive: true, force: true });
}
log(failures.length ? `runtimes: FAILED (${failures.join(", ")})` : "runtimes: all passed");
process.exitCode = failures.length ? 1 : 0;
