// A campaign rig for the demo and the pacing benchmark: the proxy worker in workerd (Miniflare, with
// its Durable Objects) in front of the local Twilio emulator served on loopback, the emulator's signed
// status callbacks delivered to the worker, and the typed campaign client talking to the worker.
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { loadEmulator } from "../../test/emulator/load.js";
import { bundleWorker } from "../../test/worker/bundle-worker.js";

// Made-up local credentials: the emulator accepts them, nothing else does.
const ACCOUNT_SID = `AC${"d".repeat(32)}`;
const AUTH_TOKEN = "campaign_demo_local_token_0001";
const API_KEY = "pk_campaign_demo_local_0001";
const PUBLIC_URL = "http://campaign-demo.localhost";

/** The campaign client, bundled from its sources (no build needed). */
const loadCampaignClient = async () => {
  const entry = fileURLToPath(new URL("../../src/proxy-client/index.ts", import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const code = Buffer.from(result.outputFiles[0].contents).toString("base64");
  return import(`data:text/javascript;base64,${code}`);
};

/**
 * Starts the rig. `rate` is both the proxy's CAMPAIGN_CALLS_PER_SECOND and the emulator's account
 * rate; `stepMs` is how long each status of an emulated call lasts.
 * @param {{ rate: number, stepMs: number, maxInFlight?: number }} options
 */
export const startCampaignRig = async ({ rate, stepMs, maxInFlight = 50 }) => {
  const { serveTwilioEmulator } = await loadEmulator();
  /** @type {Miniflare | undefined} */
  let mf;
  const served = await serveTwilioEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    callsPerSecond: rate,
    stepMs,
    sendCallback: (url, init) => {
      if (!mf) throw new Error("the proxy is not running");
      return mf.dispatchFetch(url, init);
    },
  });
  mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: await bundleWorker(),
      compatibilityDate: "2026-11-01",
      bindings: {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_BASE_URL: served.url,
        PUBLIC_URL,
        PROXY_API_KEYS: API_KEY,
        CAMPAIGN_API_KEYS: API_KEY,
        CAMPAIGN_CALLS_PER_SECOND: String(rate),
        CAMPAIGN_MAX_IN_FLIGHT: String(maxInFlight),
        CALLER_IDS: "+15017122661",
        CALL_FLOWS: JSON.stringify({
          reminder: { twiml: "<Response><Say>Reminder.</Say></Response>" },
        }),
        ALLOWED_COUNTRIES: "US,CA",
        LIMIT_DESTINATION_PER_HOUR: "10",
        LIMIT_GLOBAL_PER_DAY: "1000000",
      },
      durableObjects: {
        CALLERS: { className: "CallerObject", useSQLite: true },
        BUDGET: { className: "BudgetObject", useSQLite: true },
        CALLS: { className: "CallObject", useSQLite: true },
        CAMPAIGNS: { className: "CampaignObject", useSQLite: true },
        PACERS: { className: "PacerObject", useSQLite: true },
      },
      handleStructuredLogs: () => {}, // one JSON line per request: not wanted on the terminal
    }),
  );
  const worker = mf;
  const { createCampaignClient } = await loadCampaignClient();
  const client = createCampaignClient({
    baseUrl: PUBLIC_URL,
    apiKey: API_KEY,
    fetch: (input, init = {}) =>
      worker.dispatchFetch(String(input), {
        method: init.method,
        headers: init.headers,
        body: init.body ?? undefined,
      }),
  });
  return {
    /** @type {import("../../src/proxy-client/campaigns.ts").CampaignClient} */
    client,
    emulator: served.emulator,
    async close() {
      await worker.dispose();
      await served.close();
    },
  };
};
