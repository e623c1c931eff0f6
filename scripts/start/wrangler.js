// Runs `wrangler dev` in local mode as a child process, offline: no metrics, no update check, no
// download of the `request.cf` data, no login.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const wranglerPackage = createRequire(import.meta.url).resolve("wrangler/package.json");
const wranglerBin = join(dirname(wranglerPackage), "bin", "wrangler.js");

/** Environment that keeps wrangler (and the Miniflare inside it) off the network. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  DO_NOT_TRACK: "1",
};

/**
 * @typedef {object} WranglerOptions
 * @property {string} cwd the project root (where wrangler.toml is)
 * @property {number} port
 * @property {string[]} envFiles dotenv files, later ones win over earlier ones and over wrangler.toml
 * @property {string} assetsDir the demo page, served before the worker for the files it holds
 * @property {string} persistDir Durable Object storage for this run
 * @property {(line: string) => void} onLine wrangler's output, line by line
 */

/**
 * Starts `wrangler dev`. `ready` resolves when wrangler says it listens (and rejects if it exits
 * first); `exited` resolves with its exit code; `stop` asks it to quit and kills it after 5 s.
 * @param {WranglerOptions} options
 */
export const startWrangler = (options) => {
  const { cwd, port, envFiles, assetsDir, persistDir, onLine } = options;
  const args = [wranglerBin, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port)];
  for (const file of envFiles) args.push("--env-file", file);
  args.push("--assets", assetsDir, "--persist-to", persistDir);
  args.push("--show-interactive-dev-session=false", "--live-reload=false");
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...OFFLINE_ENV, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  /** @type {Promise<number>} */
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  const ready = new Promise((resolve, reject) => {
    const watch = (/** @type {NodeJS.ReadableStream} */ stream) =>
      createInterface({ input: stream }).on("line", (line) => {
        if (/Ready on http/.test(line)) resolve(undefined);
        onLine(line);
      });
    if (child.stdout) watch(child.stdout);
    if (child.stderr) watch(child.stderr);
    exited.then((code) =>
      reject(new Error(`wrangler dev exited (code ${code}) before it was ready`)),
    );
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { ready, exited, stop };
};
