#!/usr/bin/env node
// Runs the local Twilio emulator:
// `node test/emulator/main.js [--port 4010] [--step-ms 800] [--calls-per-second 1]`.
// Credentials come from TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY and TWILIO_API_SECRET,
// with fixed development values when unset.
import { parseArgs } from "node:util";
import { loadEmulator } from "./load.js";

export const DEV_CREDENTIALS = {
  accountSid: "AC00000000000000000000000000000000",
  authToken: "emulator-auth-token",
  apiKey: "SK00000000000000000000000000000000",
  apiSecret: "emulator-api-secret",
};

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.TWILIO_EMULATOR_PORT ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "step-ms": { type: "string", default: "800" },
    "calls-per-second": { type: "string" },
  },
});
const env = process.env;
const credentials = {
  accountSid: env.TWILIO_ACCOUNT_SID || DEV_CREDENTIALS.accountSid,
  authToken: env.TWILIO_AUTH_TOKEN || DEV_CREDENTIALS.authToken,
  apiKey: env.TWILIO_API_KEY || DEV_CREDENTIALS.apiKey,
  apiSecret: env.TWILIO_API_SECRET || DEV_CREDENTIALS.apiSecret,
};

const { serveTwilioEmulator } = await loadEmulator();
const served = await serveTwilioEmulator({
  ...credentials,
  port: Number(values.port),
  host: values.host,
  stepMs: Number(values["step-ms"]),
  ...(values["calls-per-second"] ? { callsPerSecond: Number(values["calls-per-second"]) } : {}),
});
console.log(
  `Twilio emulator on ${served.url} (account ${credentials.accountSid}, API key ${credentials.apiKey})`,
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => served.close().then(() => process.exit(0)));
}
