import {
  callable,
  check,
  checkKeys,
  fail,
  httpUrl,
  integer,
  matches,
  type Rule,
  required,
} from "../shared/rules.js";
import { sid } from "./call-param-rules.js";
import { type Send, sender } from "./request.js";
import type { ResponseInfo } from "./response-info.js";

/** Options of {@link createClient}. Only the account and one pair of credentials are required. */
export type ClientConfig = {
  /** The main account SID (`AC…`), also when authenticating with an API key. */
  accountSid: string;
  /** The account's Auth Token. Give this, or `apiKey` with `apiSecret`. */
  authToken?: string;
  /** An API key SID (`SK…`); Twilio's recommendation for servers. Needs `apiSecret`. */
  apiKey?: string;
  /** The secret of `apiKey`. */
  apiSecret?: string;
  /** Twilio region, for example `"au1"`: the host becomes `api.au1.twilio.com`. */
  region?: string;
  /** Twilio edge, for example `"sydney"`: the host becomes `api.sydney.us1.twilio.com` (region us1 unless given). */
  edge?: string;
  /**
   * Where to send requests instead of Twilio's host, for example a local emulator. A port and a path
   * prefix are kept. Cannot be combined with `region` or `edge`.
   * @default "https://api.twilio.com"
   */
  baseUrl?: string;
  /** The `fetch` to use; it is called unbound. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Milliseconds one attempt may take before it fails with `TwilioTimeoutError`. @default 30000 */
  timeout?: number;
  /**
   * How many times a request is retried: after a 429 always (Twilio did not process it), after a 5xx or
   * a failed fetch only for reads and deletes (`fetch`, `list`, `page`, `remove`), never for a POST that
   * may have created or changed a call. `0` turns retries off.
   * @default 2
   */
  maxRetries?: number;
  /** Appended to the `User-Agent` header, where the runtime lets a script set it (not in browsers). */
  userAgent?: string;
  /**
   * Called with each answer Twilio gives (every attempt, retries included), for logs and metrics. It
   * gets no secret and no body; an error it throws is ignored.
   * @example
   * onResponse: ({ method, path, status, requestId, attempt, durationMs }) =>
   *   console.log(JSON.stringify({ method, path, status, requestId, attempt, durationMs }))
   */
  onResponse?: (info: ResponseInfo) => void;
};

/** What a client needs, derived once from {@link ClientConfig}; no secret but in the `send`'s headers. */
export type ResolvedConfig = {
  accountSid: string;
  /** Scheme, host and any path prefix: where Twilio's own `…_uri` paths are resolved. */
  root: string;
  /** Sends the client's requests, with its credentials, timeout, retries and `onResponse`. */
  send: Send;
};

/** This package's version, sent in the `User-Agent`; a test keeps it equal to package.json's. */
export const VERSION = "0.1.0";

/** Basic credentials from UTF-8 bytes, as Twilio decodes them; `btoa` alone only takes Latin-1. */
const basicAuthorization = (credentials: string): string =>
  `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(credentials)))}`;

const hostLabel = matches(/^[a-z0-9-]+$/, "be a host label such as au1");

/** The rule of each option a given value must follow; an option missing here is refused. */
const CONFIG_RULES: Record<keyof ClientConfig, Rule> = {
  accountSid: (value) =>
    !value
      ? "is required: your main account SID (AC…)"
      : /^SK/i.test(value as string)
        ? "is an API key SID (SK…): pass it as apiKey, and your account SID (AC…) as accountSid"
        : sid("AC")(value),
  authToken: required,
  apiKey: sid("SK"),
  apiSecret: required,
  region: hostLabel,
  edge: hostLabel,
  // No credentials (`user:pass@`), query or fragment: the account path is appended to it.
  baseUrl: (value) =>
    httpUrl(value) && !/[@?#]/.test(value as string)
      ? ""
      : "must be an absolute http(s) URL with no credentials, query or fragment",
  fetch: callable,
  timeout: integer(1),
  maxRetries: integer(0, 10),
  userAgent: matches(/^[^\r\n]*$/, "be one line"),
  onResponse: callable,
};

/** Validates a {@link ClientConfig} and fills in the defaults. Throws `TwilioValidationError`. */
export const resolveConfig = (config: ClientConfig): ResolvedConfig => {
  const options: Partial<ClientConfig> = config ?? {};
  checkKeys(options, CONFIG_RULES, "an option of createClient");
  // Left out and `undefined` alike take the default.
  const {
    accountSid = "",
    authToken,
    apiKey,
    apiSecret,
    region,
    edge,
    baseUrl,
    userAgent = "",
    fetch = globalThis.fetch,
    timeout = 30_000,
    maxRetries = 2,
    onResponse,
  } = options;
  // The walk skips what is left out: the account, the credentials and a fetch must be there.
  check("accountSid", accountSid, CONFIG_RULES.accountSid);
  const usesApiKey = (apiKey ?? apiSecret) !== undefined;
  if (usesApiKey) {
    if (authToken !== undefined) fail("authToken", "cannot be combined with apiKey");
    check("apiKey", apiKey, CONFIG_RULES.apiKey);
    check("apiSecret", apiSecret, required);
  } else {
    check("authToken", authToken, required);
  }
  // Region and edge are host labels (checked above), never empty.
  const hasHost = region ?? edge;
  if (hasHost && baseUrl !== undefined) fail("baseUrl", "cannot be combined with region or edge");
  check("fetch", fetch, callable);
  return {
    accountSid,
    root: hasHost
      ? `https://api.${edge ? `${edge}.${region ?? "us1"}` : region}.twilio.com`
      : (baseUrl ?? "https://api.twilio.com").replace(/\/+$/, ""),
    send: sender(fetch, timeout, maxRetries, onResponse, {
      Authorization: basicAuthorization(
        usesApiKey ? `${apiKey}:${apiSecret}` : `${accountSid}:${authToken}`,
      ),
      Accept: "application/json",
      // Harmless on a GET; a Twilio POST body is always a form.
      "Content-Type": "application/x-www-form-urlencoded",
      // Where the runtime lets a script set it; a browser drops it or sends its own.
      "User-Agent": `twilio-edge-calls/${VERSION} ${userAgent}`.trim(),
    }),
  };
};
