import * as v from "valibot";
import type { Env } from "./env.js";
import { type FlowConfig, SETTINGS } from "./schema.js";
import { findPlaceholder, isTurnstileTestKey } from "./unsafe-values.js";

/** The proxy's validated configuration, built once per isolate from the bindings. */
export type ProxyConfig = {
  twilio: {
    accountSid: string;
    authToken: string;
    apiKey: string | undefined;
    apiSecret: string | undefined;
    baseUrl: string;
    timeoutMs: number;
  };
  /** The origin of `PUBLIC_URL`: a page the proxy serves itself needs no CORS. */
  publicOrigin: string;
  /** `PUBLIC_URL` + `/v1/twilio/status`: the base of each call's StatusCallback, which adds `?caller=<object id>` (see twilio/callback-url.ts). */
  statusCallbackUrl: string;
  auth: {
    apiKeys: string[];
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string;
    audience: string;
    turnstileSecret: string | undefined;
    /** `AUTH_JWT_MAX_AGE`: the longest `exp - iat` accepted, in seconds. */
    jwtMaxAge: number | undefined;
    /** `TURNSTILE_HOSTNAMES`: where a token may have been solved (empty: anywhere). */
    turnstileHostnames: string[];
    /** `TURNSTILE_ACTION`: the action a token must have been solved for. */
    turnstileAction: string | undefined;
  };
  corsOrigins: string[];
  callerIds: string[];
  flows: Record<string, FlowConfig>;
  defaultFlow: string;
  allowedCountries: string[];
  limits: {
    callerPerMinute: number;
    callerPerDay: number;
    destinationPerHour: number;
    globalPerDay: number;
  };
  callTimeLimit: number;
  ringTimeout: number;
  /** `LOCAL_DEVELOPMENT`: set by `npm start` only; allows Cloudflare's Turnstile test keys. */
  localDevelopment: boolean;
  /** `CALLS_PAUSED`: the kill switch; no new call is placed while it is true. */
  callsPaused: boolean;
  /** Campaigns: see `worker/campaigns/`. */
  campaigns: {
    /** Keys (a subset of `auth.apiKeys`) whose callers may run campaigns. */
    apiKeys: string[];
    callsPerSecond: number;
    maxInFlight: number;
    /** Whether a recipient whose unknown outcome was proven absent at Twilio is placed once more. */
    retryAbsent: boolean;
    /** Seconds without news before a campaign asks Twilio about a call. */
    reconcileAfterMs: number;
    /** `PUBLIC_URL` + `/v1/twilio/campaign-status`: the base of each recipient's StatusCallback. */
    statusCallbackUrl: string;
  };
};

/** A setting that is missing or malformed: `message` names the rule, never the value. */
export type ConfigIssue = { setting: string; message: string };

/** The outcome of {@link loadConfig}: the config, or the first setting that is wrong. */
export type ConfigResult = { ok: true; config: ProxyConfig } | { ok: false; issue: ConfigIssue };

const cache = new WeakMap<object, ConfigResult>();

/** Wrangler vars may be strings, numbers or (for CALL_FLOWS) a TOML table; "" means "not set". */
const normalise = (env: Env): { raw: Record<string, unknown> } | { issue: ConfigIssue } => {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    raw[key] = typeof value === "string" && value.trim() === "" ? undefined : value;
  }
  if (typeof raw.CALL_FLOWS === "string") {
    try {
      raw.CALL_FLOWS = JSON.parse(raw.CALL_FLOWS);
    } catch {
      return { issue: { setting: "CALL_FLOWS", message: "must be valid JSON" } };
    }
  }
  return { raw };
};

const crossChecks = (s: v.InferOutput<typeof SETTINGS>): ConfigIssue | undefined => {
  if ((s.TWILIO_API_KEY === undefined) !== (s.TWILIO_API_SECRET === undefined)) {
    const setting = s.TWILIO_API_KEY === undefined ? "TWILIO_API_KEY" : "TWILIO_API_SECRET";
    return { setting, message: "TWILIO_API_KEY and TWILIO_API_SECRET must be set together" };
  }
  const jwt = s.PROXY_JWT_SECRET !== undefined || s.AUTH_JWKS_URL !== undefined;
  if (jwt && s.AUTH_JWT_ISSUER === undefined) {
    return { setting: "AUTH_JWT_ISSUER", message: "must be set when JWTs are accepted" };
  }
  if (jwt && s.AUTH_JWT_AUDIENCE === undefined) {
    return { setting: "AUTH_JWT_AUDIENCE", message: "must be set when JWTs are accepted" };
  }
  if (
    s.TURNSTILE_SECRET_KEY !== undefined &&
    isTurnstileTestKey(s.TURNSTILE_SECRET_KEY) &&
    !s.LOCAL_DEVELOPMENT
  ) {
    return {
      setting: "TURNSTILE_SECRET_KEY",
      message:
        "is one of Cloudflare's Turnstile test keys, which pass or fail whatever the token: use your widget's secret key (LOCAL_DEVELOPMENT=true allows them, for local development only)",
    };
  }
  if (!jwt && s.PROXY_API_KEYS.length === 0 && s.TURNSTILE_SECRET_KEY === undefined) {
    return {
      setting: "PROXY_API_KEYS",
      message:
        "no authentication is configured: set PROXY_API_KEYS, PROXY_JWT_SECRET, AUTH_JWKS_URL or TURNSTILE_SECRET_KEY",
    };
  }
  const proxyKeys = new Set(s.PROXY_API_KEYS);
  if (s.CAMPAIGN_API_KEYS.some((key) => !proxyKeys.has(key))) {
    return { setting: "CAMPAIGN_API_KEYS", message: "must list only keys also in PROXY_API_KEYS" };
  }
  return undefined;
};

const build = (s: v.InferOutput<typeof SETTINGS>): ProxyConfig => ({
  twilio: {
    accountSid: s.TWILIO_ACCOUNT_SID,
    authToken: s.TWILIO_AUTH_TOKEN,
    apiKey: s.TWILIO_API_KEY,
    apiSecret: s.TWILIO_API_SECRET,
    baseUrl: s.TWILIO_BASE_URL,
    timeoutMs: s.TWILIO_TIMEOUT_MS,
  },
  publicOrigin: new URL(s.PUBLIC_URL).origin,
  statusCallbackUrl: `${s.PUBLIC_URL}/v1/twilio/status`,
  auth: {
    apiKeys: s.PROXY_API_KEYS,
    jwtSecret: s.PROXY_JWT_SECRET,
    jwksUrl: s.AUTH_JWKS_URL,
    issuer: s.AUTH_JWT_ISSUER ?? "",
    audience: s.AUTH_JWT_AUDIENCE ?? "",
    turnstileSecret: s.TURNSTILE_SECRET_KEY,
    jwtMaxAge: s.AUTH_JWT_MAX_AGE,
    turnstileHostnames: s.TURNSTILE_HOSTNAMES,
    turnstileAction: s.TURNSTILE_ACTION,
  },
  corsOrigins: s.CORS_ORIGINS,
  callerIds: s.CALLER_IDS,
  flows: s.CALL_FLOWS,
  defaultFlow: Object.keys(s.CALL_FLOWS)[0] as string,
  allowedCountries: s.ALLOWED_COUNTRIES,
  limits: {
    callerPerMinute: s.LIMIT_CALLER_PER_MINUTE,
    callerPerDay: s.LIMIT_CALLER_PER_DAY,
    destinationPerHour: s.LIMIT_DESTINATION_PER_HOUR,
    globalPerDay: s.LIMIT_GLOBAL_PER_DAY,
  },
  callTimeLimit: s.CALL_TIME_LIMIT,
  ringTimeout: s.RING_TIMEOUT,
  localDevelopment: s.LOCAL_DEVELOPMENT,
  callsPaused: s.CALLS_PAUSED,
  campaigns: {
    apiKeys: s.CAMPAIGN_API_KEYS,
    callsPerSecond: s.CAMPAIGN_CALLS_PER_SECOND,
    maxInFlight: s.CAMPAIGN_MAX_IN_FLIGHT,
    retryAbsent: s.CAMPAIGN_RETRY_ABSENT,
    reconcileAfterMs: s.CAMPAIGN_RECONCILE_SECONDS * 1000,
    statusCallbackUrl: `${s.PUBLIC_URL}/v1/twilio/campaign-status`,
  },
});

const parse = (env: Env): ConfigResult => {
  const normalised = normalise(env);
  if ("issue" in normalised) return { ok: false, issue: normalised.issue };
  const placeholder = findPlaceholder(normalised.raw);
  if (placeholder) return { ok: false, issue: placeholder };
  const result = v.safeParse(SETTINGS, normalised.raw);
  if (!result.success) {
    const [issue] = result.issues;
    const setting = (issue.path ?? []).map((item) => String(item.key)).join(".") || "config";
    const missing = issue.kind === "schema" && issue.input === undefined;
    return { ok: false, issue: { setting, message: missing ? "is missing" : issue.message } };
  }
  const issue = crossChecks(result.output);
  return issue ? { ok: false, issue } : { ok: true, config: build(result.output) };
};

/** Parses and validates the bindings once per env object (that is, once per isolate). */
export const loadConfig = (env: Env): ConfigResult => {
  let result = cache.get(env);
  if (!result) {
    result = parse(env);
    cache.set(env, result);
  }
  return result;
};

/**
 * The config, for a Durable Object: the worker answered 500 before calling one when the config is
 * invalid, so reaching this with a bad config is an internal error.
 */
export const requireConfig = (env: Env): ProxyConfig => {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(`config invalid: ${loaded.issue.setting}`);
  return loaded.config;
};
