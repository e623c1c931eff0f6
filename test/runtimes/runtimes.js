// The runtimes of the matrix: how to start each one's entry, and what version it must report.
import { join } from "node:path";
import { CHROMIUM_PATH, chromiumMissing } from "./chromium.js";
import { ACCOUNT_SID, AUTH_TOKEN, CALL_SID } from "./scenario.js";

// Deno and Bun must never reach a registry at run time: point npm at a closed loopback port.
const NO_REGISTRY = "http://127.0.0.1:9/";

// The README example of a runtime, run as a user would, with the stand-in as TWILIO_BASE_URL.
const readmeExample = (standInUrl, args) => ({
  args,
  env: {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_BASE_URL: `${standInUrl}/twilio/plain`,
  },
  prints: `${CALL_SID} queued`,
});

/**
 * One entry per runtime: `command` and `args` run in the consumer project and print the result
 * line; `version` is what the reported runtime name must match; `skip` says why it cannot run here;
 * `example`, the README snippet to run too and what it must print.
 */
export const runtimeTable = ({ root, here, work, consumer, standInUrl, staticDir }) => {
  const bin = (path) => join(root, "node_modules", path);
  const node24 = bin("node/bin/node");
  const denoRun = [
    "run",
    "--node-modules-dir=manual",
    "--cached-only",
    "--no-prompt",
    `--allow-net=${new URL(standInUrl).host}`,
  ];
  return [
    {
      name: "node20",
      version: /^node 20\./,
      command: bin("node20/bin/node"),
      args: ["runtimes/node/entry.js", standInUrl],
    },
    {
      name: "node24",
      version: /^node 24\./,
      command: node24,
      args: ["runtimes/node/entry.js", standInUrl],
    },
    {
      name: "deno",
      version: /^deno 2\./,
      command: bin(".bin/deno"),
      args: [...denoRun, "runtimes/deno/entry.js", standInUrl],
      example: readmeExample(standInUrl, [
        ...denoRun,
        "--allow-env=TWILIO_ACCOUNT_SID,TWILIO_AUTH_TOKEN,TWILIO_BASE_URL",
        "runtimes/deno/readme-example.js",
      ]),
      env: {
        DENO_DIR: join(work, "deno-dir"),
        DENO_NO_UPDATE_CHECK: "1",
        NPM_CONFIG_REGISTRY: NO_REGISTRY,
      },
    },
    {
      name: "bun",
      version: /^bun 1\./,
      command: bin(".bin/bun"),
      args: ["--no-install", "runtimes/bun/entry.js", standInUrl],
      example: readmeExample(standInUrl, ["--no-install", "runtimes/bun/readme-example.js"]),
      env: { BUN_INSTALL_CACHE_DIR: join(work, "bun-cache"), NPM_CONFIG_REGISTRY: NO_REGISTRY },
    },
    {
      name: "workerd",
      version: /^workerd /,
      command: node24,
      args: [join(here, "workerd/host.js"), consumer, standInUrl],
    },
    {
      name: "chromium",
      version: /^chromium /,
      command: node24,
      args: [join(here, "browser/host.js"), consumer, standInUrl, staticDir, CHROMIUM_PATH],
      skip: chromiumMissing(),
    },
  ];
};
