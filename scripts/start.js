// `npm start`: the proxy (wrangler dev, local mode) with the demo page, against the local Twilio
// emulator, or against Twilio itself when `.dev.vars` holds a TWILIO_ACCOUNT_SID.
// Overrides for tests and busy machines: PORT (proxy, default 8787; 0 = any free port),
// EMULATOR_PORT (default: any free port), EMULATOR_STEP_MS (time between two statuses, default 900),
// DEV_VARS (default .dev.vars).
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemo } from "./start/demo.js";
import { hasTwilioAccount, readDevVars } from "./start/dev-vars.js";
import { StartError, useEmulator, useTwilio } from "./start/modes.js";
import { createOutputFilter } from "./start/output.js";
import { freePort, isPortFree } from "./start/ports.js";
import { newDemoKey } from "./start/settings.js";
import { startWrangler } from "./start/wrangler.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (/** @type {string} */ text) => console.log(`[start] ${text}`);

const numberFrom = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new StartError(`${name} must be an integer from 0 to 65535 (got "${text}")`);
  }
  return value;
};

const pickProxyPort = async () => {
  const wanted = numberFrom("PORT", 8787);
  if (wanted === 0) return freePort();
  if (await isPortFree(wanted)) return wanted;
  if (process.env.PORT) throw new StartError(`port ${wanted} (PORT) is in use; choose another one`);
  const port = await freePort();
  say(`port ${wanted} is in use, so the proxy uses ${port}`);
  return port;
};

/** Starts everything; resolves with the exit code once it has all stopped again. */
const main = async () => {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    throw new StartError(
      `wrangler needs Node 22.12 or newer (this is ${process.version}); run npm start, which uses the Node 24 that npm ci installs`,
    );
  }
  const devVarsPath = resolve(root, process.env.DEV_VARS || ".dev.vars");
  const devVars = readDevVars(devVarsPath);
  const port = await pickProxyPort();
  const origin = `http://127.0.0.1:${port}`;
  const runDir = join(root, ".tmp", "start", String(port));
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const demoKey = newDemoKey();
  const common = { origin, demoKey, runDir, say };
  const run = await (hasTwilioAccount(devVars)
    ? useTwilio({ ...common, root, devVars, devVarsPath })
    : useEmulator({
        ...common,
        port: numberFrom("EMULATOR_PORT", 0),
        stepMs: numberFrom("EMULATOR_STEP_MS", 900),
      })
  ).catch((error) => {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  });

  say("bundling the demo page (worker/demo/ and the proxy client from src/proxy-client/)");
  const assetsDir = join(runDir, "demo");
  await buildDemo(assetsDir, { mode: run.mode, apiKey: demoKey, ...run.demo });
  say(`starting the proxy: wrangler dev on ${origin} (local mode, offline)`);
  const shows = createOutputFilter();
  const wrangler = startWrangler({
    cwd: root,
    port,
    envFiles: run.envFiles,
    assetsDir,
    persistDir: join(runDir, "state"),
    onLine: (line) => {
      if (shows(line)) console.log(`  proxy | ${line}`);
    },
  });

  /** @type {(code: number) => void} */
  let finish = () => {};
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  let stopping = false;
  const stop = async (/** @type {number} */ code) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([wrangler.stop(), run.close()]);
    rmSync(runDir, { recursive: true, force: true });
    finish(code);
  };
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      say("stopping");
      void stop(0);
    });
  }
  wrangler.exited.then((code) => {
    if (stopping) return;
    say(`wrangler dev stopped (code ${code})`);
    void stop(code === 0 ? 1 : code);
  });

  try {
    await wrangler.ready;
    const page = await fetch(`${origin}/config.json`, { signal: AbortSignal.timeout(10_000) });
    if (!page.ok) throw new Error(`the demo page is not served (GET /config.json: ${page.status})`);
    const stops = run.mode === "emulator" ? "the proxy and the emulator" : "the proxy";
    say(`ready: open ${origin}/ to place a call (Ctrl-C stops ${stops})`);
  } catch (error) {
    if (!stopping) say(error instanceof Error ? error.message : String(error));
    void stop(1);
  }
  return finished;
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[start] ${error instanceof StartError ? error.message : error?.stack}`);
    process.exit(1);
  },
);
