// Where the preflight learns about secrets: their names and placeholders from .dev.vars.example,
// values from a file or the environment, and which are set in production from `wrangler secret list`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseEnv } from "node:util";
import { readDevVars } from "../start/dev-vars.js";

/**
 * The secrets the worker reads, as `.dev.vars.example` documents them (the same file `wrangler
 * types` declares them from), with the placeholder value each one shows there.
 * @param {string} path
 * @returns {{ names: string[], placeholders: Record<string, string> }}
 */
export const readSecretCatalogue = (path) => {
  const placeholders = /** @type {Record<string, string>} */ (parseEnv(readFileSync(path, "utf8")));
  return { names: Object.keys(placeholders), placeholders };
};

/**
 * The secret values given locally: the whole file when one is named (then it is the complete set),
 * otherwise those of `names` found in the environment.
 * @param {string[]} names
 * @param {string | undefined} file
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ values: Record<string, string>, source: string }}
 */
export const localSecretValues = (names, file, env) => {
  if (file) return { values: readDevVars(file), source: relative(process.cwd(), file) || file };
  const values = Object.fromEntries(
    names.flatMap((name) => (env[name]?.trim() ? [[name, /** @type {string} */ (env[name])]] : [])),
  );
  return { values, source: "the environment" };
};

/**
 * Why `wrangler secret list` failed, in words that say what to do.
 * @param {string} output
 */
const listingFailure = (output) => {
  if (/not logged in|logged in|CLOUDFLARE_API_TOKEN|authentication/i.test(output)) {
    return "you are not logged in to Cloudflare: run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN)";
  }
  if (/10007|does not exist|not found/i.test(output)) {
    return "the production worker does not exist yet: `npx wrangler secret put TWILIO_ACCOUNT_SID --env production` creates it with its first secret";
  }
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(output)) {
    return "Cloudflare could not be reached (offline?)";
  }
  const first = output.split("\n").find((line) => line.trim()) ?? "no output";
  return `wrangler secret list failed: ${first.trim().slice(0, 200)}`;
};

/**
 * The names of the secrets set on the production worker (`wrangler secret list --env production`).
 * @param {{ wrangler: string, cwd: string, config: string }} options
 * @returns {{ ok: true, names: Set<string> } | { ok: false, why: string }}
 */
export const listProductionSecrets = ({ wrangler, cwd, config }) => {
  const result = spawnSync(
    process.execPath,
    [wrangler, "secret", "list", "--env", "production", "--format", "json", "--config", config],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
  const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
  if (result.status !== 0) return { ok: false, why: listingFailure(output) };
  try {
    const listed = JSON.parse(result.stdout.slice(result.stdout.indexOf("[")));
    return { ok: true, names: new Set(listed.map((/** @type {{ name: string }} */ s) => s.name)) };
  } catch {
    return { ok: false, why: listingFailure(output) };
  }
};
