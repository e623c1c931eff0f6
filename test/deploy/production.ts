// The production config the preflight tests start from: wrangler.toml's committed [env.production]
// with the fixture vars a user would set, and the fixture secrets, as `npm run deploy` reads them.

import { preflight } from "../../scripts/deploy/preflight.js";
import { readProductionConfig } from "../../scripts/deploy/production-config.js";
import { readSecretCatalogue } from "../../scripts/deploy/secrets.js";
import { loadWorkerConfig } from "../../scripts/deploy/worker-config.js";
import { readDevVars } from "../../scripts/start/dev-vars.js";

export const VARS_FILE = "test/deploy/fixtures/production.vars";
export const SECRETS_FILE = "test/deploy/fixtures/production.secrets";

const worker = await loadWorkerConfig();
const catalogue = readSecretCatalogue(".dev.vars.example");

/** The committed production vars, without the fixture overrides: the placeholders a user replaces. */
export const committedVars = (): Record<string, string> =>
  readProductionConfig("wrangler.toml", {}).vars;

/** The production vars once a user has set the CHANGE ME lines. */
export const goodVars = (): Record<string, string> =>
  readProductionConfig("wrangler.toml", readDevVars(VARS_FILE)).vars;

/** The fixture production secrets (their values). */
export const goodSecrets = (): Record<string, string> => readDevVars(SECRETS_FILE);

type Change = {
  vars?: Record<string, string | undefined>;
  secrets?: Record<string, string | undefined>;
  /** The secrets set in production; default: exactly those of `secrets`. `null`: not known. */
  present?: string[] | null;
};

const apply = (base: Record<string, string>, change: Record<string, string | undefined> = {}) => {
  const result = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
};

/** Runs the preflight on the good config with `change` applied. */
export const check = (change: Change = {}, vars = goodVars()) => {
  const secretValues = apply(goodSecrets(), change.secrets);
  const present =
    change.present === null ? undefined : new Set(change.present ?? Object.keys(secretValues));
  return preflight({
    vars: apply(vars, change.vars),
    secretNames: catalogue.names,
    secretValues,
    present,
    placeholders: catalogue.placeholders,
    worker,
  });
};

/** The settings the preflight named, in order. */
export const settingsNamed = (change: Change = {}) =>
  check(change).problems.map((problem) => problem.setting);
