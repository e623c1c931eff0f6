// The production environment of wrangler.toml, read with wrangler's own config reader, so the
// preflight sees exactly the vars `wrangler deploy --env production` would upload.
import { experimental_readRawConfig, unstable_readConfig } from "wrangler";

/**
 * A var as the worker receives it: TOML numbers and tables arrive as numbers and objects, which
 * the worker's config check accepts as their text.
 * @param {unknown} value
 */
const asText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * `[env.production.vars]` of the config file, with `overrides` (deploy's `--var`s) on top; throws
 * when the file has no production environment.
 * @param {string} config the path of wrangler.toml
 * @param {Record<string, string>} overrides
 * @returns {{ name: string, vars: Record<string, string> }}
 */
export const readProductionConfig = (config, overrides) => {
  const { rawConfig } = experimental_readRawConfig({ config });
  if (!rawConfig.env?.production) {
    throw new Error(`${config} has no [env.production]: add one (see the README's Deploy section)`);
  }
  const production = unstable_readConfig({ config, env: "production" }, { hideWarnings: true });
  const vars = Object.fromEntries(
    Object.entries(production.vars ?? {}).map(([name, value]) => [name, asText(value)]),
  );
  return { name: production.name ?? "", vars: { ...vars, ...overrides } };
};
