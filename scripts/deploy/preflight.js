// The deploy preflight's rules: the worker's own config validation (the code that guards every
// request) plus what only production needs. Pure: everything it reads is passed in, so each rule is
// testable without wrangler, a login or the network. No message ever holds a secret's value.
import { DEV_CREDENTIALS } from "../../test/emulator/dev-credentials.js";

/**
 * @typedef {import("./worker-config.js").WorkerConfig} WorkerConfig
 * @typedef {{ setting: string, problem: string, fix: string }} Problem
 * @typedef {{
 *   vars: Record<string, string>,
 *   secretNames: string[],
 *   secretValues: Record<string, string>,
 *   present: Set<string> | undefined,
 *   placeholders: Record<string, string>,
 *   worker: WorkerConfig,
 * }} PreflightInput
 *   `present`: the secrets known to be set in production (undefined: not known, as in a dry run
 *   without a secrets file); `secretValues`: the values known locally, which are checked too.
 * @typedef {{ problems: Problem[], unchecked: string[] }} PreflightResult
 */

const VARS_FIX = "set it in [env.production.vars] of wrangler.toml";
const secretFix = (/** @type {string} */ name) =>
  `run \`npx wrangler secret put ${name} --env production\``;

/** The ways callers can authenticate; at least one must be configured. */
export const AUTH_SETTINGS = [
  "PROXY_API_KEYS",
  "PROXY_JWT_SECRET",
  "AUTH_JWKS_URL",
  "TURNSTILE_SECRET_KEY",
];
const REQUIRED_SECRETS = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"];

// Secret values that only ever belong in tests: Turnstile's documented test secret keys (always
// pass, always fail, already spent) and the local Twilio emulator's development credentials.
const TEST_SECRETS = new Map([
  ["1x0000000000000000000000000000000AA", "Cloudflare Turnstile's always-pass test secret"],
  ["2x0000000000000000000000000000000AA", "Cloudflare Turnstile's always-fail test secret"],
  ["3x0000000000000000000000000000000AA", "Cloudflare Turnstile's test secret"],
  [DEV_CREDENTIALS.accountSid, "the local Twilio emulator's account SID"],
  [DEV_CREDENTIALS.authToken, "the local Twilio emulator's auth token"],
  [DEV_CREDENTIALS.apiKey, "the local Twilio emulator's API key"],
  [DEV_CREDENTIALS.apiSecret, "the local Twilio emulator's API secret"],
]);
const PLACEHOLDER_TEXT = /change[-_ ]?me|^your[-_]|x{8}|placeholder|^replace[-_ ]?me/i;

/** Twilio's magic test numbers (+1 500 555 00xx) place no call: a placeholder in production. */
const TEST_NUMBER = /^\+1500555\d{4}$/;
/** Reserved for documentation (RFC 2606, 6761) or a "your-…" label: such a host is a placeholder. */
const EXAMPLE_HOST = /(^|\.)(example(\.(com|net|org))?|invalid|test)$|(^|\.)your-[a-z0-9-]*\./;
const LOCAL_HOST =
  /^(localhost|.*\.localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1?\]|10(\.\d+){3}|192\.168(\.\d+){2}|172\.(1[6-9]|2\d|3[01])(\.\d+){2})$/;

/**
 * Why `text` is not a public https URL production can use, or undefined when it is one.
 * @param {string} text
 */
const publicHttpsProblem = (text) => {
  let url;
  try {
    url = new URL(text);
  } catch {
    return "is not an absolute URL";
  }
  if (LOCAL_HOST.test(url.hostname)) return `points at a local address (${url.hostname})`;
  if (EXAMPLE_HOST.test(url.hostname)) return `is still a placeholder (${url.hostname})`;
  if (url.protocol !== "https:") return "must use https";
  return undefined;
};

/** @param {string | undefined} text */
const list = (text) =>
  (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** @param {string | undefined} text */
const isSet = (text) => text !== undefined && text.trim() !== "";

/**
 * Values that pass the worker's format rules, standing in for secrets that are set in production
 * but whose values are not known here, so that the vars around them are still validated.
 * @param {string} name
 */
const standIn = (name) =>
  ({
    TWILIO_ACCOUNT_SID: `AC${"5a".repeat(16)}`,
    TWILIO_API_KEY: `SK${"5a".repeat(16)}`,
  })[name] ?? `stand-in-${name.toLowerCase()}-${"5a".repeat(20)}`;

/** @param {PreflightInput} input @returns {Problem[]} */
const varRules = ({ vars, secretNames, worker }) => {
  /** @type {Problem[]} */
  const problems = [];
  const add = (/** @type {string} */ setting, /** @type {string} */ problem, fix = VARS_FIX) =>
    problems.push({ setting, problem, fix });

  for (const name of Object.keys(vars)) {
    if (secretNames.includes(name)) {
      add(
        name,
        "is a secret but is set as a plain var in wrangler.toml",
        `remove it there and ${secretFix(name)}`,
      );
    } else if (!worker.settingNames.includes(name) && name !== "LOCAL_DEVELOPMENT") {
      add(
        name,
        "is not a setting the proxy reads (a typo?)",
        "remove or rename it in [env.production.vars] of wrangler.toml",
      );
    }
  }
  const publicUrl = vars.PUBLIC_URL;
  if (!isSet(publicUrl)) add("PUBLIC_URL", "is not set");
  else {
    const why = publicHttpsProblem(publicUrl);
    if (why)
      add(
        "PUBLIC_URL",
        `${why}: Twilio's status callbacks must reach the deployed proxy`,
        `${VARS_FIX} to your workers.dev or custom domain (https://…)`,
      );
  }
  for (const origin of list(vars.CORS_ORIGINS)) {
    const why = publicHttpsProblem(origin);
    if (why)
      add(
        "CORS_ORIGINS",
        `holds ${origin}, which ${why}`,
        `${VARS_FIX}: your frontends' https origins only, or "" for server callers only`,
      );
  }
  for (const name of ["TWILIO_BASE_URL", "AUTH_JWKS_URL"]) {
    const why = isSet(vars[name]) ? publicHttpsProblem(vars[name]) : undefined;
    if (why)
      add(
        name,
        why,
        name === "TWILIO_BASE_URL"
          ? `${VARS_FIX} to https://api.twilio.com, or remove it`
          : VARS_FIX,
      );
  }
  const testNumbers = list(vars.CALLER_IDS).filter((number) => TEST_NUMBER.test(number));
  if (testNumbers.length > 0) {
    add(
      "CALLER_IDS",
      `holds Twilio's test-credentials number ${testNumbers.join(", ")}, a placeholder that places no call`,
      `${VARS_FIX} to your Twilio numbers or verified caller IDs`,
    );
  }
  if (isSet(vars.LOCAL_DEVELOPMENT) && vars.LOCAL_DEVELOPMENT?.trim().toLowerCase() !== "false") {
    add(
      "LOCAL_DEVELOPMENT",
      "is set: it is for `npm start` only and must never reach production",
      "remove it from [env.production.vars] of wrangler.toml",
    );
  }
  const limits = worker.settingNames.filter(
    (name) => name.startsWith("LIMIT_") || name === "CALL_TIME_LIMIT",
  );
  for (const name of limits.filter((limit) => !isSet(vars[limit]))) {
    add(
      name,
      "is not set: production states every limit rather than relying on a default",
      VARS_FIX,
    );
  }
  return problems;
};

/** @param {PreflightInput} input @returns {Problem[]} */
const secretValueRules = ({ secretValues, placeholders }) => {
  /** @type {Problem[]} */
  const problems = [];
  const placeholderValues = new Set(Object.values(placeholders).filter(isSet));
  for (const [name, value] of Object.entries(secretValues)) {
    const parts = [value, ...list(value)];
    const test = parts.map((part) => TEST_SECRETS.get(part)).find(Boolean);
    if (test)
      problems.push({
        setting: name,
        problem: `is ${test}, for tests only`,
        fix: `${secretFix(name)} with your real value`,
      });
    else if (parts.some((part) => placeholderValues.has(part) || PLACEHOLDER_TEXT.test(part))) {
      problems.push({
        setting: name,
        problem: "is a placeholder (from .dev.vars.example or similar)",
        fix: `${secretFix(name)} with your real value`,
      });
    }
  }
  return problems;
};

/**
 * Checks a production config; an empty `problems` list means it may be deployed.
 * @param {PreflightInput} input
 * @returns {PreflightResult}
 */
export const preflight = (input) => {
  const { vars, secretValues, present, worker } = input;
  const problems = [...varRules(input), ...secretValueRules(input)];
  /** @type {string[]} */
  const unchecked = [];
  const known = (/** @type {string} */ name) => present?.has(name) ?? name in secretValues;
  for (const name of REQUIRED_SECRETS.filter((secret) => !known(secret))) {
    if (present)
      problems.push({ setting: name, problem: "is not set in production", fix: secretFix(name) });
    else unchecked.push(name);
  }
  const authModes = AUTH_SETTINGS.filter((name) => isSet(vars[name]) || known(name));
  if (authModes.length === 0) {
    if (present) {
      problems.push({
        setting: "PROXY_API_KEYS",
        problem: `no way for callers to authenticate is configured (${AUTH_SETTINGS.join(", ")}): there is no open mode`,
        fix: `set at least one: ${secretFix("PROXY_API_KEYS")} (server keys), PROXY_JWT_SECRET, AUTH_JWKS_URL (a var) or TURNSTILE_SECRET_KEY`,
      });
    } else unchecked.push(`a caller credential (${AUTH_SETTINGS.join(", ")})`);
  }

  // The worker's own validation, over the vars, the known values and stand-ins for the rest.
  const env = { ...vars };
  for (const name of input.secretNames) {
    if (name in secretValues) env[name] = /** @type {string} */ (secretValues[name]);
    else if (known(name) || (!present && REQUIRED_SECRETS.includes(name)))
      env[name] = standIn(name);
  }
  if (!present && authModes.length === 0) env.PROXY_API_KEYS = standIn("PROXY_API_KEYS");
  const loaded = worker.loadConfig(env);
  // The worker names a list item by its index (CALLER_IDS.0): the setting is the first part.
  const named = loaded.ok ? "" : (loaded.issue.setting.split(".")[0] ?? "");
  if (!loaded.ok && !problems.some((problem) => problem.setting === named)) {
    const { setting, message } = loaded.issue;
    const fix = input.secretNames.includes(named) ? secretFix(named) : VARS_FIX;
    problems.push({ setting, problem: `${message} (the worker's own config check)`, fix });
  }
  return { problems, unchecked };
};
