import { check, fail, httpUrl, integer, matches, required } from "../shared/rules.js";

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
  /** How many times a 429 (and only a 429) is retried. `0` turns retries off. @default 2 */
  maxRetries?: number;
  /** Appended to the `User-Agent` header, where the runtime lets a script set it (not in browsers). */
  userAgent?: string;
};

/** What a client needs at request time, derived once from {@link ClientConfig}. */
export type ResolvedConfig = {
  accountSid: string;
  accountRoot: string;
  /** Sent with every request; the same object each time. */
  headers: Record<string, string>;
  fetch: typeof fetch;
  timeout: number;
  maxRetries: number;
};

/** This package's version, sent in the `User-Agent`; a test keeps it equal to package.json's. */
export const VERSION = "0.1.0";

const DEFAULTS = { baseUrl: "https://api.twilio.com", timeout: 30_000, maxRetries: 2 };

/** Basic credentials from UTF-8 bytes, as Twilio decodes them; `btoa` alone only takes Latin-1. */
const basicAuthorization = (user: string, password: string): string =>
  `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`;

/** Validates a {@link ClientConfig} and fills in the defaults. Throws `TwilioValidationError`. */
export const resolveConfig = (config: ClientConfig): ResolvedConfig => {
  const options: Partial<ClientConfig> = config ?? {};
  const { accountSid = "", authToken, apiKey, apiSecret, region, edge, userAgent } = options;
  const {
    baseUrl = DEFAULTS.baseUrl,
    timeout = DEFAULTS.timeout,
    maxRetries = DEFAULTS.maxRetries,
    fetch: fetchFn = globalThis.fetch,
  } = options;
  const usesApiKey = apiKey !== undefined || apiSecret !== undefined;
  const hasHost = region !== undefined || edge !== undefined;
  if (/^SK/i.test(accountSid)) {
    fail(
      "accountSid",
      "is an API key SID (SK…): pass it as apiKey, and your main account SID (AC…) as accountSid",
    );
  }
  check("accountSid", accountSid, matches(/^AC[0-9a-fA-F]{32}$/));
  if (usesApiKey) {
    if (authToken !== undefined) fail("authToken", "cannot be combined with apiKey");
    check("apiKey", apiKey, matches(/^SK[0-9a-fA-F]{32}$/));
    check("apiSecret", apiSecret, required);
  } else {
    check("authToken", authToken, required);
  }
  for (const [param, value] of Object.entries({ region, edge })) {
    if (value !== undefined)
      check(param, value, matches(/^[a-z0-9-]+$/, "be a host label such as au1"));
  }
  if (hasHost && options.baseUrl !== undefined)
    fail("baseUrl", "cannot be combined with region or edge");
  const url = httpUrl(baseUrl);
  if (!url || url.username || url.password || url.search || url.hash) {
    fail("baseUrl", "must be an absolute http(s) URL with no credentials, query or fragment");
  }
  if (typeof fetchFn !== "function") fail("fetch", "must be a function");
  if (userAgent !== undefined) check("userAgent", userAgent, matches(/^[^\r\n]*$/, "be one line"));
  check("timeout", timeout, integer(1));
  check("maxRetries", maxRetries, integer(0, 10));
  const host = hasHost
    ? `https://api.${edge ? `${edge}.${region ?? "us1"}` : region}.twilio.com`
    : baseUrl.replace(/\/+$/, "");
  return {
    accountSid,
    accountRoot: `${host}/2010-04-01/Accounts/${accountSid}`,
    headers: {
      Authorization: usesApiKey
        ? basicAuthorization(apiKey as string, apiSecret as string)
        : basicAuthorization(accountSid, authToken as string),
      Accept: "application/json",
      // Harmless on a GET; a Twilio POST body is always a form.
      "Content-Type": "application/x-www-form-urlencoded",
      // Where the runtime lets a script set it; a browser drops it or sends its own.
      "User-Agent": `twilio-edge-calls/${VERSION}${userAgent ? ` ${userAgent}` : ""}`,
    },
    fetch: fetchFn,
    timeout,
    maxRetries,
  };
};
