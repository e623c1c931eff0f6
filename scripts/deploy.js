// `npm run deploy`: the preflight (wrangler.toml's [env.production] and its secrets, checked with the
// worker's own config validation plus production's rules), then `wrangler deploy --env production`.
// Fails closed: any problem, or secrets it cannot check on a real deploy, stops it before the upload.
//
//   npm run deploy                        preflight, then deploy (needs `npx wrangler login`)
//   npm run deploy -- --dry-run           everything but the upload; no login needed
//   --secrets FILE   the production secrets' values (dotenv, as for `wrangler secret bulk`): checked
//                    too, and in a dry run taken as the complete set (otherwise: the environment)
//   --vars FILE      vars (dotenv) that override [env.production.vars]; passed on as `--var`
//   --config FILE    another wrangler.toml
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { preflight } from "./deploy/preflight.js";
import { readProductionConfig } from "./deploy/production-config.js";
import { listProductionSecrets, localSecretValues, readSecretCatalogue } from "./deploy/secrets.js";
import { loadWorkerConfig } from "./deploy/worker-config.js";
import { readDevVars } from "./start/dev-vars.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const wrangler = join(
  dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
  "bin",
  "wrangler.js",
);
const say = (/** @type {string} */ text) => console.log(`[deploy] ${text}`);

const { values: options } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    secrets: { type: "string" },
    vars: { type: "string" },
    config: { type: "string", default: "wrangler.toml" },
  },
});
const dryRun = options["dry-run"] ?? false;
const config = resolve(root, options.config ?? "wrangler.toml");
const secretsFile = options.secrets ? resolve(options.secrets) : undefined;
const overrides = options.vars ? readDevVars(resolve(options.vars)) : {};

/** Runs wrangler with the given arguments, its output passed through; resolves with its exit code. */
const runWrangler = (/** @type {string[]} */ args) =>
  new Promise((done) => {
    const child = spawn(process.execPath, [wrangler, ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    child.on("close", (code) => done(code ?? 1));
  });

const main = async () => {
  say(
    `preflight: [env.production] of ${options.config}${dryRun ? " (dry run: nothing is uploaded)" : ""}`,
  );
  const { name, vars } = readProductionConfig(config, overrides);
  const catalogue = readSecretCatalogue(join(root, ".dev.vars.example"));
  const local = localSecretValues(catalogue.names, secretsFile, process.env);
  /** @type {Set<string> | undefined} */
  let present;
  const failures = [];
  if (dryRun) {
    if (secretsFile) present = new Set(Object.keys(local.values));
  } else {
    const listed = listProductionSecrets({ wrangler, cwd: root, config });
    if (listed.ok) present = listed.names;
    else failures.push(`secrets: could not check which are set in production: ${listed.why}`);
  }
  const checkedValues = Object.keys(local.values);
  say(
    `secrets: ${present && !dryRun ? `${present.size} set on worker ${name}` : "not read from Cloudflare"}; ` +
      `${checkedValues.length} value(s) checked from ${local.source}`,
  );
  const result = preflight({
    vars,
    secretNames: catalogue.names,
    secretValues: local.values,
    present,
    placeholders: catalogue.placeholders,
    worker: await loadWorkerConfig(),
  });
  // A value checked from the environment may be a leftover of the shell (the emulator's export
  // lines, say) rather than what production has: say where it came from.
  const fromShell = new Set(secretsFile ? [] : checkedValues);
  for (const problem of result.problems) {
    const shell = fromShell.has(problem.setting)
      ? `; the value checked is this shell's $${problem.setting}: \`unset ${problem.setting}\` if it is not production's`
      : "";
    failures.push(`${problem.setting}: ${problem.problem}. Fix: ${problem.fix}${shell}`);
  }
  for (const item of result.unchecked) {
    say(
      `not checked: ${item} (no value given; a real deploy checks it is set in production, or give --secrets FILE)`,
    );
  }
  if (failures.length > 0) {
    for (const failure of failures) console.error(`[deploy] ✗ ${failure}`);
    console.error(
      `[deploy] preflight failed (${failures.length} problem${failures.length > 1 ? "s" : ""}): nothing was deployed`,
    );
    return 1;
  }
  say("preflight passed");
  const varArgs = Object.entries(overrides).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  const args = ["deploy", "--env", "production", "--config", config, ...varArgs];
  if (dryRun) args.push("--dry-run", "--outdir", join(root, ".tmp", "deploy"));
  say(
    `wrangler ${args.map((arg) => (arg.includes(":") && varArgs.includes(arg) ? `${arg.split(":")[0]}:…` : arg)).join(" ")}`,
  );
  const code = await runWrangler(args);
  if (code !== 0) console.error(`[deploy] wrangler deploy failed (exit ${code})`);
  else
    say(
      dryRun
        ? "dry run passed: the production bundle builds; run `npm run deploy` to upload it"
        : "deployed",
    );
  return code;
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[deploy] ✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
