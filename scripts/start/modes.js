// The two ways `npm start` runs: against the local Twilio emulator, or against the Twilio account in
// `.dev.vars`. Each writes the settings file(s) for wrangler and says what the demo page needs.
import { join } from "node:path";
import { writeEnvFile } from "./env-file.js";
import { EMULATOR_CREDENTIALS, emulatorSettings, flowNames, twilioSettings } from "./settings.js";

/** A problem the user can fix; `npm start` prints its message and stops. */
export class StartError extends Error {
  name = "StartError";
}

/**
 * @typedef {object} Run
 * @property {"emulator" | "twilio"} mode
 * @property {string[]} envFiles for `wrangler dev --env-file`, later ones winning
 * @property {{ flows: string[], specialDestinations: { number: string, outcome: string }[] }} demo
 * @property {() => Promise<void>} close stops what the mode started
 */

/** @param {import("../../test/emulator/index.ts").Destination} destination */
const outcomeText = (destination) => {
  // A 429 is Twilio saying "not now", not a refusal: the proxy answers 503 with Retry-After.
  if (destination.refuse?.code === 20429) return "Twilio too busy (429): try again later";
  if (destination.refuse) return `refused by Twilio (error ${destination.refuse.code})`;
  if (destination.machine) return "answered by a machine (with the detect-machine flow)";
  if (destination.holds === "ringing") return "rings until you hang up (canceled)";
  if (destination.holds === "in-progress")
    return "answered, connected until you hang up (completed)";
  return destination.outcome;
};

/**
 * Starts the emulator on loopback and writes every proxy setting for it.
 * @param {{ origin: string, demoKey: string, runDir: string, port: number, stepMs: number, say: (text: string) => void }} options
 * @returns {Promise<Run>}
 */
export const useEmulator = async ({ origin, demoKey, runDir, port, stepMs, say }) => {
  const { loadEmulator } = await import("../../test/emulator/load.js");
  const { serveTwilioEmulator, SPECIAL_DESTINATIONS } = await loadEmulator();
  const served = await serveTwilioEmulator({
    ...EMULATOR_CREDENTIALS,
    host: "127.0.0.1",
    port,
    stepMs,
  });
  say("no Twilio account in .dev.vars: using the local Twilio emulator (no real calls)");
  say(`Twilio emulator on ${served.url}, one status step every ${stepMs} ms`);
  const settings = emulatorSettings({ proxyOrigin: origin, emulatorUrl: served.url, demoKey });
  const file = join(runDir, "emulator.env");
  writeEnvFile(file, settings);
  const specialDestinations = Object.entries(SPECIAL_DESTINATIONS).map(([number, destination]) => ({
    number,
    outcome: outcomeText(destination),
  }));
  return {
    mode: "emulator",
    envFiles: [file],
    demo: { flows: flowNames(settings.CALL_FLOWS), specialDestinations },
    close: () => served.close(),
  };
};

/**
 * Uses the account in `.dev.vars` (with wrangler.toml's vars): adds the demo key and local origins.
 * @param {{ root: string, origin: string, demoKey: string, runDir: string, devVars: Record<string, string>, devVarsPath: string, say: (text: string) => void }} options
 * @returns {Promise<Run>}
 */
export const useTwilio = async ({ root, origin, demoKey, runDir, devVars, devVarsPath, say }) => {
  if (!/^AC[0-9a-fA-F]{32}$/.test(devVars.TWILIO_ACCOUNT_SID ?? "")) {
    throw new StartError(
      `TWILIO_ACCOUNT_SID in ${devVarsPath} is not an account SID (AC and 32 hex digits): fix it, or remove it to use the emulator`,
    );
  }
  say(`using your Twilio account ${devVars.TWILIO_ACCOUNT_SID} from ${devVarsPath} (no emulator):`);
  say("calls are real and cost money");
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") });
  const base = { ...rawConfig.vars, ...devVars };
  const { vars, missing, warnings } = twilioSettings({
    proxyOrigin: origin,
    demoKey,
    base,
    devVars,
  });
  if (missing.length > 0) {
    throw new StartError(
      `set ${missing.join(", ")} in ${devVarsPath} (see .dev.vars.example), then start again`,
    );
  }
  for (const line of warnings) say(line);
  const file = join(runDir, "local.env");
  writeEnvFile(file, vars);
  return {
    mode: "twilio",
    envFiles: [devVarsPath, file],
    demo: { flows: flowNames(base.CALL_FLOWS), specialDestinations: [] },
    close: async () => {},
  };
};
