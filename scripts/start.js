// `npm start`: the proxy (wrangler dev, local mode) with the demo page, against the local Twilio
// emulator, or against Twilio itself when `.dev.vars` holds a TWILIO_ACCOUNT_SID.
// Overrides for tests and busy machines: PORT (proxy, default 8787), EMULATOR_PORT (default: any
// free port), EMULATOR_STEP_MS (time between two statuses, default 900), DEV_VARS (default .dev.vars).
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemo } from "./start/demo.js";
import { hasTwilioAccount, readDevVars } from "./start/dev-vars.js";
import { writeEnvFile } from "./start/env-file.js";
import { createOutputFilter } from "./start/output.js";
import { freePort, isPortFree } from "./start/ports.js";
import {
  EMULATOR_CREDENTIALS,
  emulatorSettings,
  flowNames,
  newDemoKey,
  twilioSettings,
} from "./start/settings.js";
import { startWrangler } from "./start/wrangler.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (/** @type {string} */ text) => console.log(`[start] ${text}`);
const fail = (/** @type {string} */ text) => {
  console.error(`[start] ${text}`);
  process.exit(1);
};

const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  fail(
    `wrangler needs Node 22.12 or newer (this is ${process.version}); run npm start, which uses the Node 24 that npm ci installs`,
  );
}

const numberFrom = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    fail(`${name} must be an integer from 0 to 65535 (got "${text}")`);
  }
  return value;
};

const pickProxyPort = async () => {
  const wanted = numberFrom("PORT", 8787);
  if (wanted === 0) return freePort();
  if (await isPortFree(wanted)) return wanted;
  if (process.env.PORT) fail(`port ${wanted} (PORT) is in use; choose another one`);
  const port = await freePort();
  say(`port ${wanted} is in use, so the proxy uses ${port}`);
  return port;
};

const devVarsPath = resolve(root, process.env.DEV_VARS || ".dev.vars");
const devVars = readDevVars(devVarsPath);
const realTwilio = hasTwilioAccount(devVars);
const port = await pickProxyPort();
const origin = `http://127.0.0.1:${port}`;
const runDir = join(root, ".tmp", "start", String(port));
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });
const demoKey = newDemoKey();
const stopping = { emulator: async () => {} };

/** Starts the emulator; returns the settings file and what the demo page needs. */
const useEmulator = async () => {
  const stepMs = numberFrom("EMULATOR_STEP_MS", 900);
  const { loadEmulator } = await import("../test/emulator/load.js");
  const { serveTwilioEmulator, SPECIAL_DESTINATIONS } = await loadEmulator();
  const served = await serveTwilioEmulator({
    ...EMULATOR_CREDENTIALS,
    host: "127.0.0.1",
    port: numberFrom("EMULATOR_PORT", 0),
    stepMs,
  });
  stopping.emulator = () => served.close();
  say(`no Twilio account in .dev.vars: using the local Twilio emulator (no real calls)`);
  say(`Twilio emulator on ${served.url}, one status step every ${stepMs} ms`);
  const settings = emulatorSettings({ proxyOrigin: origin, emulatorUrl: served.url, demoKey });
  const file = join(runDir, "emulator.env");
  writeEnvFile(file, settings);
  const specialDestinations = Object.entries(SPECIAL_DESTINATIONS).map(([number, destination]) => ({
    number,
    outcome: destination.refuse
      ? `refused by Twilio (error ${destination.refuse.code})`
      : destination.machine
        ? "answered by a machine (with the detect-machine flow)"
        : destination.outcome,
  }));
  const demo = { flows: flowNames(settings.CALL_FLOWS), specialDestinations };
  return { envFiles: [file], mode: /** @type {const} */ ("emulator"), demo };
};

/** Uses the account in .dev.vars; returns the settings files and what the demo page needs. */
const useTwilio = async () => {
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") });
  if (!/^AC[0-9a-fA-F]{32}$/.test(devVars.TWILIO_ACCOUNT_SID ?? "")) {
    fail(
      `TWILIO_ACCOUNT_SID in ${devVarsPath} is not an account SID (AC and 32 hex digits): fix it, or remove it to use the emulator`,
    );
  }
  const base = { ...rawConfig.vars, ...devVars };
  const { vars, missing, warnings } = twilioSettings({
    proxyOrigin: origin,
    demoKey,
    base,
    devVars,
  });
  say(`using your Twilio account ${devVars.TWILIO_ACCOUNT_SID} from ${devVarsPath} (no emulator):`);
  say("calls are real and cost money");
  if (missing.length > 0) {
    fail(`set ${missing.join(", ")} in ${devVarsPath} (see .dev.vars.example), then start again`);
  }
  for (const line of warnings) say(line);
  const file = join(runDir, "local.env");
  writeEnvFile(file, vars);
  const demo = { flows: flowNames(base.CALL_FLOWS), specialDestinations: [] };
  return { envFiles: [devVarsPath, file], mode: /** @type {const} */ ("twilio"), demo };
};

const run = realTwilio ? await useTwilio() : await useEmulator();
say("bundling the demo page (worker/demo/ and the proxy client from src/)");
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

let shuttingDown = false;
const shutdown = async (/** @type {number} */ code) => {
  if (shuttingDown) return;
  shuttingDown = true;
  await Promise.allSettled([wrangler.stop(), stopping.emulator()]);
  process.exit(code);
};
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    if (shuttingDown) process.exit(130);
    say("stopping");
    void shutdown(0);
  });
}
wrangler.exited.then((code) => {
  if (shuttingDown) return;
  say(`wrangler dev stopped (code ${code})`);
  void shutdown(code === 0 ? 1 : code);
});

try {
  await wrangler.ready;
  const page = await fetch(`${origin}/config.json`, { signal: AbortSignal.timeout(10_000) });
  if (!page.ok) throw new Error(`the demo page is not served (GET /config.json: ${page.status})`);
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
const stops = run.mode === "emulator" ? "the proxy and the emulator" : "the proxy";
say(`ready: open ${origin}/ to place a call (Ctrl-C stops ${stops})`);
