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

/**
 * The core's client for this config. The core retries a 429 (and a read's 5xx) up to `maxRetries`
 * times; a status lookup and the campaign pacer, which times every request itself, pass 0.
 */
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

/** Seconds a client is told to wait when Twilio rate-limits the account. */
export const BUSY_RETRY_AFTER = 5;
/** The detail of a 503 `upstream_busy`. */
export const BUSY_DETAIL = "Twilio is rate limiting this account; try again shortly.";
/** The detail of a 502 `upstream_auth_failed`. */
export const AUTH_DETAIL = "The proxy's Twilio credentials were refused.";

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

/**
 * What went wrong with a Twilio request, whatever the core threw: `timeout`, `unreachable` (network),
 * `busy` (429 after the core's retries), `auth` (401/403), `refused` (other 4xx: Twilio did nothing),
 * `unreadable` (a 2xx that is not JSON) or `failed` (5xx: Twilio may have acted).
 */
export type TwilioFailure = {
  kind: "timeout" | "unreachable" | "busy" | "auth" | "refused" | "unreadable" | "failed";
  twilioCode?: number | undefined;
};

/** Sorts an error of the core into a {@link TwilioFailure}. */
export const failureOf = (error: unknown): TwilioFailure => {
  if (error instanceof TwilioTimeoutError) return { kind: "timeout" };
  if (!(error instanceof TwilioApiError)) return { kind: "unreachable" };
  const { status, code: twilioCode } = error;
  if (status === 429) return { kind: "busy" };
  if (status === 401 || status === 403) return { kind: "auth", twilioCode };
  if (status >= 400 && status < 500) return { kind: "refused", twilioCode };
  if (status < 400) return { kind: "unreadable" };
  return { kind: "failed" };
};

/** Turns whatever the core threw into a problem that keeps Twilio's numeric code but not its text. */
export const outcomeOfError = (error: unknown): Outcome => {
  const { kind, twilioCode } = failureOf(error);
  switch (kind) {
    case "timeout":
      return unknown(
        504,
        "upstream_timeout",
        "Twilio did not answer in time; the call may or may not have been placed.",
      );
    case "unreachable":
      return unknown(
        502,
        "upstream_unreachable",
        "Twilio could not be reached; the call may or may not have been placed.",
      );
    case "busy":
      return refused(503, "upstream_busy", BUSY_DETAIL, { retryAfter: BUSY_RETRY_AFTER });
    case "auth":
      return refused(502, "upstream_auth_failed", AUTH_DETAIL, { twilioCode });
    case "refused": {
      const detail = `Twilio refused the call${twilioCode ? ` (Twilio error ${twilioCode})` : ""}.`;
      return refused(422, "upstream_refused", detail, { twilioCode });
    }
    case "unreadable":
      return unreadableOutcome();
    default:
      return unknown(
        502,
        "upstream_error",
        "Twilio failed; the call may or may not have been placed.",
      );
  }
};
