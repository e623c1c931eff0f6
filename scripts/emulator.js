// `npm run emulator`: the local Twilio emulator on its own (test/emulator/), for the README's quick
// starts and your own scripts. It prints its base URL and its test credentials as shell exports.
// Options: --port (default EMULATOR_PORT or 4010; another free port when that one is taken),
// --step-ms (time between two call statuses, default 800). Ctrl-C stops it.
import { parseArgs } from "node:util";
import { DEV_CREDENTIALS } from "../test/emulator/dev-credentials.js";
import { loadEmulator } from "../test/emulator/load.js";
import { freePort, isPortFree } from "./start/ports.js";

const LOOPBACK = /^(127(\.\d+){3}|localhost|\[::1\])$/;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.EMULATOR_PORT || "4010" },
    "step-ms": { type: "string", default: "800" },
  },
});
const wanted = Number(values.port);
const stepMs = Number(values["step-ms"]);
for (const [name, value, max] of [
  ["--port", wanted, 65_535],
  ["--step-ms", stepMs, 600_000],
]) {
  if (!Number.isInteger(value) || value < 0 || value > Number(max)) {
    console.error(`[emulator] ${name} must be an integer from 0 to ${max}`);
    process.exit(1);
  }
}
const port = wanted === 0 || (await isPortFree(wanted)) ? wanted : await freePort();
if (port !== wanted)
  console.log(`[emulator] port ${wanted} is in use, so the emulator uses ${port}`);

/**
 * Status callbacks go to loopback addresses only: a quick start's `https://example.com/status`
 * is recorded as not sent instead of reaching the internet.
 * @param {string} url
 * @param {RequestInit} init
 */
const sendCallback = (url, init) =>
  LOOPBACK.test(new URL(url).hostname)
    ? fetch(url, init)
    : Promise.reject(new Error("the local emulator sends callbacks to loopback addresses only"));

const { serveTwilioEmulator } = await loadEmulator();
const served = await serveTwilioEmulator({ ...DEV_CREDENTIALS, port, stepMs, sendCallback });
console.log(`[emulator] Twilio emulator on ${served.url}: no real calls, no Twilio account needed`);
console.log("[emulator] in another shell, use it with these settings (test values, not secrets):");
console.log(`export TWILIO_BASE_URL=${served.url}`);
console.log(`export TWILIO_ACCOUNT_SID=${DEV_CREDENTIALS.accountSid}`);
console.log(`export TWILIO_AUTH_TOKEN=${DEV_CREDENTIALS.authToken}`);
console.log(`export TWILIO_API_KEY=${DEV_CREDENTIALS.apiKey}`);
console.log(`export TWILIO_API_SECRET=${DEV_CREDENTIALS.apiSecret}`);
console.log("[emulator] status callbacks go to loopback URLs only; Ctrl-C stops the emulator");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => served.close().then(() => process.exit(0)));
}
