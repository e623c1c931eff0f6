import {
  type Call,
  type ClientConfig,
  createClient,
  TwilioApiError,
  type TwilioClient,
  TwilioTimeoutError,
} from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import type { Problem } from "../http/problem.js";

const clients = new WeakMap<ProxyConfig, Map<number, TwilioClient>>();

/** The core's client options for this config: API key when set (Twilio's advice), else the Auth Token. */
const clientConfigOf = (config: ProxyConfig, maxRetries: number): ClientConfig => {
  const { accountSid, authToken, apiKey, apiSecret, baseUrl, timeoutMs } = config.twilio;
  const credentials =
    apiKey !== undefined && apiSecret !== undefined ? { apiKey, apiSecret } : { authToken };
  return { accountSid, ...credentials, baseUrl, timeout: timeoutMs, maxRetries };
};

/** The core's client for this config; `maxRetries` (429 only) is 0 for a caller that paces itself. */
export const twilioClient = (config: ProxyConfig, maxRetries = 1): TwilioClient => {
  let byRetries = clients.get(config);
  if (!byRetries) {
    byRetries = new Map();
    clients.set(config, byRetries);
  }
  let client = byRetries.get(maxRetries);
  if (!client) {
    client = createClient(clientConfigOf(config, maxRetries));
    byRetries.set(maxRetries, client);
  }
  return client;
};

/**
 * What became of a create request: `placed` (keep the quota), `refused` (Twilio answered 4xx, so no
 * call exists: give the quota back) or `unknown` (5xx, timeout, reset, unreadable answer: a call may
 * exist, so the quota stays spent and the answer is kept for idempotent replays).
 */
export type Outcome =
  | { kind: "placed"; call: Call }
  | { kind: "refused" | "unknown"; problem: Problem };

const problem = (
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem => ({
  status,
  code,
  title: "Twilio did not place the call",
  detail,
  ...extra,
});

/** Twilio said no: no call exists. */
const refused = (
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Outcome => ({ kind: "refused", problem: problem(status, code, detail, extra) });

/** A call may or may not exist. */
const unknown = (status: number, code: string, detail: string): Outcome => ({
  kind: "unknown",
  problem: problem(status, code, detail),
});

/** Twilio answered 2xx with something that is not a call: it may have placed one. */
export const unreadableOutcome = (): Outcome =>
  unknown(
    502,
    "upstream_unreadable",
    "Twilio's answer was unreadable; the call may or may not have been placed.",
  );

/** Turns whatever the core threw into a problem that keeps Twilio's numeric code but not its text. */
export const outcomeOfError = (error: unknown): Outcome => {
  if (error instanceof TwilioTimeoutError) {
    return unknown(
      504,
      "upstream_timeout",
      "Twilio did not answer in time; the call may or may not have been placed.",
    );
  }
  if (!(error instanceof TwilioApiError)) {
    return unknown(
      502,
      "upstream_unreachable",
      "Twilio could not be reached; the call may or may not have been placed.",
    );
  }
  const { status, code: twilioCode } = error;
  if (status === 429) {
    return refused(
      503,
      "upstream_busy",
      "Twilio is rate limiting this account; try again shortly.",
      {
        retryAfter: 5,
      },
    );
  }
  if (status === 401 || status === 403) {
    return refused(502, "upstream_auth_failed", "The proxy's Twilio credentials were refused.", {
      twilioCode,
    });
  }
  if (status >= 400 && status < 500) {
    const detail = `Twilio refused the call${twilioCode ? ` (Twilio error ${twilioCode})` : ""}.`;
    return refused(422, "upstream_refused", detail, { twilioCode });
  }
  if (status < 400) return unreadableOutcome();
  return unknown(502, "upstream_error", "Twilio failed; the call may or may not have been placed.");
};
