// The proxy settings `npm start` generates: all of them for the emulator, a few for a real account.
import { randomBytes } from "node:crypto";

/** The emulator's account: fixed values, accepted by the emulator and only by it. */
export const EMULATOR_CREDENTIALS = {
  accountSid: "AC00000000000000000000000000000000",
  authToken: "emulator-auth-token",
  apiKey: "SK00000000000000000000000000000000",
  apiSecret: "emulator-api-secret",
};

/** Two flows, so the demo page shows the choice; the second one turns machine detection on. */
export const DEMO_FLOWS = {
  greeting: { twiml: "<Response><Say>Hello from twilio-edge-calls.</Say></Response>" },
  "detect-machine": {
    twiml: "<Response><Say>Hello, this call checks who answers.</Say></Response>",
    machineDetection: "Enable",
  },
};

/**
 * What marks a run as local development, in both modes: the proxy then accepts Cloudflare's Turnstile
 * test keys (always pass or fail), which it refuses everywhere else. A deploy never sets it.
 */
const LOCAL_DEVELOPMENT = { LOCAL_DEVELOPMENT: "true" };

/** A fresh key for the demo page, valid for this run only. */
export const newDemoKey = () => `demo_${randomBytes(16).toString("hex")}`;

/** @param {string} origin */
const localOrigins = (origin) => [origin, origin.replace("//127.0.0.1:", "//localhost:")];

/** @param {...(string | undefined)} lists comma-separated lists */
const joinLists = (...lists) => [
  ...new Set(
    lists.flatMap((list) => (list ?? "").split(",").map((item) => item.trim())).filter(Boolean),
  ),
];

/**
 * Every setting of the proxy for a run against the emulator at `emulatorUrl`.
 * @param {{ proxyOrigin: string, emulatorUrl: string, demoKey: string }} options
 * @returns {Record<string, string>}
 */
export const emulatorSettings = ({ proxyOrigin, emulatorUrl, demoKey }) => ({
  TWILIO_ACCOUNT_SID: EMULATOR_CREDENTIALS.accountSid,
  TWILIO_AUTH_TOKEN: EMULATOR_CREDENTIALS.authToken,
  TWILIO_API_KEY: EMULATOR_CREDENTIALS.apiKey,
  TWILIO_API_SECRET: EMULATOR_CREDENTIALS.apiSecret,
  TWILIO_BASE_URL: emulatorUrl,
  PUBLIC_URL: proxyOrigin,
  PROXY_API_KEYS: demoKey,
  CORS_ORIGINS: localOrigins(proxyOrigin).join(","),
  CALLER_IDS: "+15017122661",
  CALL_FLOWS: JSON.stringify(DEMO_FLOWS),
  ALLOWED_COUNTRIES: "US,CA,GB",
  LIMIT_CALLER_PER_MINUTE: "60",
  LIMIT_CALLER_PER_DAY: "1000",
  LIMIT_DESTINATION_PER_HOUR: "100",
  LIMIT_GLOBAL_PER_DAY: "10000",
  ...LOCAL_DEVELOPMENT,
});

const isLocal = (/** @type {string} */ url) =>
  /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);

/**
 * What a run against a real account adds to the user's own settings (`base`: wrangler.toml vars
 * and `.dev.vars`): the demo key next to their keys and the local origins next to theirs. PUBLIC_URL
 * stays only when `.dev.vars` sets a public one (a tunnel to this port); wrangler.toml's is the
 * production origin, so the local proxy's own origin replaces it. LOCAL_DEVELOPMENT is set, as in
 * the emulator mode. Also the settings still missing.
 * @param {{ proxyOrigin: string, demoKey: string, base: Record<string, unknown>, devVars: Record<string, string> }} options
 * @returns {{ vars: Record<string, string>, missing: string[], warnings: string[] }}
 */
export const twilioSettings = ({ proxyOrigin, demoKey, base, devVars }) => {
  const text = (/** @type {string} */ name) =>
    typeof base[name] === "string" || typeof base[name] === "number" ? String(base[name]) : "";
  const present = (/** @type {string} */ name) =>
    typeof base[name] === "object" ? base[name] !== null : text(name) !== "";
  const tunnel = devVars.PUBLIC_URL && !isLocal(devVars.PUBLIC_URL) ? devVars.PUBLIC_URL : "";
  const vars = {
    PROXY_API_KEYS: joinLists(text("PROXY_API_KEYS"), demoKey).join(","),
    CORS_ORIGINS: joinLists(text("CORS_ORIGINS"), ...localOrigins(proxyOrigin)).join(","),
    PUBLIC_URL: tunnel || proxyOrigin,
    ...LOCAL_DEVELOPMENT,
  };
  const required = ["TWILIO_AUTH_TOKEN", "CALLER_IDS", "CALL_FLOWS", "ALLOWED_COUNTRIES"];
  const missing = required.filter((name) => !present(name));
  const warnings = tunnel
    ? [`Twilio's status callbacks go to ${tunnel}/v1/twilio/status (PUBLIC_URL in .dev.vars)`]
    : [
        `PUBLIC_URL in .dev.vars is not a public URL, so Twilio's status callbacks go to ${proxyOrigin},`,
        "which Twilio cannot reach: calls are placed, but the page will not see their status change.",
        "To see it live, set PUBLIC_URL in .dev.vars to a public URL that forwards to this port",
        "(for example a Cloudflare Tunnel).",
      ];
  // wrangler.toml's local caller ID is a documentation number, not one of the user's account.
  if (!devVars.CALLER_IDS && present("CALLER_IDS")) {
    warnings.push(
      `CALLER_IDS is not in .dev.vars, so calls come from wrangler.toml's ${text("CALLER_IDS")}, which is not`,
      "your number: Twilio refuses them. Set CALLER_IDS in .dev.vars to a number of your account.",
    );
  }
  return { vars, missing, warnings };
};

/**
 * The flow names in a `CALL_FLOWS` value (JSON text or a TOML table), first (default) first.
 * @param {unknown} value
 * @returns {string[]}
 */
export const flowNames = (value) => {
  try {
    const flows = typeof value === "string" ? JSON.parse(value) : value;
    return flows && typeof flows === "object" ? Object.keys(flows) : [];
  } catch {
    return [];
  }
};
