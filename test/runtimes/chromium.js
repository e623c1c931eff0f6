// Debian's Chromium as every browser test here launches it: headless, and with nothing that reaches
// for the network on its own (this machine has none but loopback).
import { existsSync } from "node:fs";

/** Where Chromium is; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Why the browser tests cannot run here, or undefined when they can. Outside CI they are skipped
 * with that reason; in CI (which installs Chromium) a missing browser fails the run instead of
 * passing it silently without them.
 */
export const chromiumMissing = () => {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH; CI installs it)`;
  if (process.env.CI) throw new Error(`${reason}: CI runs the browser tests, none may be skipped`);
  return reason;
};
