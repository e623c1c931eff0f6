import * as v from "valibot";
import { CALL_CREATE_RULES } from "../../src/calls/call-param-rules.js";
import { canonicalForm } from "../policy/phone-number.js";
import { E164 } from "../shared/formats.js";

// Every message here is written by hand: valibot's default messages quote the received value, and
// a received value may be a secret.
const nonEmpty = (what: string) =>
  v.pipe(v.string(`must be ${what}`), v.nonEmpty(`must be ${what}`));

const commaList = <T extends v.GenericSchema<string>>(item: T, what: string) =>
  v.pipe(
    v.string(`must be a comma-separated list of ${what}`),
    v.transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
    v.array(item),
  );

const integerIn = (min: number, max: number) => {
  const rule = `must be an integer from ${min} to ${max}`;
  return v.pipe(
    v.union([v.string(rule), v.number(rule)], rule),
    v.transform(Number),
    v.integer(rule),
    v.minValue(min, rule),
    v.maxValue(max, rule),
  );
};

const integer = (fallback: number, min: number, max: number) =>
  v.optional(integerIn(min, max), fallback);

/** `true` or `false` (a TOML boolean, or the text, in any case); not set is false. */
const flag = v.optional(
  v.pipe(
    v.union(
      [v.boolean(), v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(["true", "false"]))],
      "must be true or false",
    ),
    v.transform((value) => value === true || value === "true"),
  ),
  false,
);

const hostname = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.regex(
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
    "must hold bare hostnames (app.example.com: no scheme, port or path)",
  ),
);

const httpUrl = (what: string) =>
  v.pipe(
    nonEmpty(what),
    v.check((text) => /^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/.test(text), `must be ${what}`),
    v.transform((text) => text.replace(/\/+$/, "")),
  );

const e164 = v.pipe(
  v.string(),
  v.regex(E164, "must hold E.164 numbers (+15017122661)"),
  v.check(
    (number) => canonicalForm(number) === number,
    "must hold E.164 numbers in their canonical form (+15017122661; no trunk prefix after the country code)",
  ),
);
const origin = v.pipe(
  v.string(),
  v.regex(
    /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/,
    "must hold exact origins (https://app.example.com)",
  ),
);
const country = v.pipe(
  v.string(),
  v.toUpperCase(),
  v.regex(/^[A-Z]{2}$/, "must hold ISO 3166 alpha-2 country codes (US, CA)"),
);

/** A call parameter checked by the very rule `calls.create` applies, with its message. */
const callParam = <T>(param: keyof typeof CALL_CREATE_RULES) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    const broken = dataset.typed ? CALL_CREATE_RULES[param](dataset.value) : undefined;
    if (broken) addIssue({ message: broken });
  });

const flow = v.pipe(
  v.strictObject(
    {
      url: v.optional(v.pipe(v.string("must be a string"), callParam("url"))),
      applicationSid: v.optional(v.pipe(v.string("must be a string"), callParam("applicationSid"))),
      twiml: v.optional(v.pipe(nonEmpty("a TwiML document"), callParam("twiml"))),
      record: v.optional(v.boolean("must be true or false")),
      machineDetection: v.optional(
        v.picklist(["Enable", "DetectMessageEnd"], "must be Enable or DetectMessageEnd"),
      ),
      // The proxy's own ceiling on top of Twilio's rule: no flow may hold a line for over 4 hours.
      timeLimit: v.optional(
        v.pipe(
          v.number("must be a number"),
          callParam("timeLimit"),
          v.maxValue(14_400, "must be at most 14400"),
        ),
      ),
      timeout: v.optional(v.pipe(v.number("must be a number"), callParam("timeout"))),
    },
    "must be an object with url, applicationSid or twiml and optionally record, machineDetection, timeLimit, timeout (no other keys)",
  ),
  v.check(
    (value) => [value.url, value.applicationSid, value.twiml].filter(Boolean).length === 1,
    "needs exactly one of url, applicationSid, twiml",
  ),
);

/** The shape of one entry of `CALL_FLOWS`. */
export type FlowConfig = v.InferOutput<typeof flow>;

/** The settings, after `config.ts` turned empty strings into "not set" and parsed `CALL_FLOWS`. */
export const SETTINGS = v.object({
  TWILIO_ACCOUNT_SID: v.pipe(
    nonEmpty("your account SID"),
    v.regex(/^AC[0-9a-fA-F]{32}$/, "must be your main account SID: AC followed by 32 hex digits"),
  ),
  TWILIO_AUTH_TOKEN: nonEmpty("set: it signs status callbacks, even when REST uses an API key"),
  TWILIO_API_KEY: v.optional(
    v.pipe(
      v.string("must be an API key SID: SK + 32 hex digits"),
      v.regex(/^SK[0-9a-fA-F]{32}$/, "must be an API key SID: SK + 32 hex digits"),
    ),
  ),
  TWILIO_API_SECRET: v.optional(nonEmpty("a non-empty string")),
  TWILIO_BASE_URL: v.optional(httpUrl("an absolute http(s) URL"), "https://api.twilio.com"),
  TWILIO_TIMEOUT_MS: integer(10_000, 100, 60_000),
  PUBLIC_URL: httpUrl("the proxy's own public origin, for example https://calls.example.com"),
  PROXY_API_KEYS: v.optional(
    commaList(
      v.pipe(v.string(), v.minLength(16, "must hold keys of at least 16 characters each")),
      "keys",
    ),
    "",
  ),
  PROXY_JWT_SECRET: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.minLength(32, "must be at least 32 characters (256 bits) long"),
    ),
  ),
  AUTH_JWKS_URL: v.optional(httpUrl("an absolute http(s) URL")),
  AUTH_JWT_ISSUER: v.optional(nonEmpty("a non-empty string")),
  AUTH_JWT_AUDIENCE: v.optional(nonEmpty("a non-empty string")),
  TURNSTILE_SECRET_KEY: v.optional(nonEmpty("a non-empty string")),
  CORS_ORIGINS: v.optional(commaList(origin, "origins"), ""),
  CALLER_IDS: v.pipe(
    commaList(e164, "E.164 numbers"),
    v.minLength(1, "must list at least one E.164 number"),
  ),
  CALL_FLOWS: v.pipe(
    v.record(
      v.pipe(
        v.string(),
        v.regex(/^[A-Za-z0-9_-]{1,40}$/, "must have names of 1-40 letters, digits, _ or -"),
      ),
      flow,
      "must be a JSON object: flow name -> { url | applicationSid | twiml, ... }",
    ),
    v.check((flows) => Object.keys(flows).length > 0, "must define at least one flow"),
  ),
  ALLOWED_COUNTRIES: v.pipe(
    commaList(country, "country codes"),
    v.minLength(1, "must list at least one ISO 3166 alpha-2 country code"),
  ),
  LIMIT_CALLER_PER_MINUTE: integer(5, 1, 10_000),
  LIMIT_CALLER_PER_DAY: integer(50, 1, 1_000_000),
  LIMIT_DESTINATION_PER_HOUR: integer(3, 1, 10_000),
  LIMIT_GLOBAL_PER_DAY: integer(1000, 1, 10_000_000),
  CALL_TIME_LIMIT: integer(600, 1, 14_400),
  RING_TIMEOUT: integer(30, 1, 600),
  // Security settings (see the README's security model).
  LOCAL_DEVELOPMENT: flag,
  CALLS_PAUSED: flag,
  AUTH_JWT_MAX_AGE: v.optional(integerIn(1, 31_536_000)),
  TURNSTILE_HOSTNAMES: v.optional(commaList(hostname, "hostnames"), ""),
  TURNSTILE_ACTION: v.optional(
    v.pipe(
      v.string("must be a string"),
      v.regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1-32 letters, digits, _ or - (Turnstile's rule)"),
    ),
  ),
  // Campaigns (worker/campaigns/): who may run them, the account's pacing, unknown outcomes.
  CAMPAIGN_API_KEYS: v.optional(
    commaList(
      v.pipe(v.string(), v.minLength(16, "must hold keys of at least 16 characters each")),
      "keys",
    ),
    "",
  ),
  CAMPAIGN_CALLS_PER_SECOND: integer(1, 1, 1000),
  CAMPAIGN_MAX_IN_FLIGHT: integer(20, 1, 1000),
  CAMPAIGN_RETRY_ABSENT: flag,
  CAMPAIGN_RECONCILE_SECONDS: integer(30, 1, 3600),
});
