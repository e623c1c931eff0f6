// Runs the Worker entry in workerd: bundles it as Wrangler would, loads it into Miniflare without
// nodejs_compat and prints the scenario's result line.
// Usage: node host.js <consumer project> <stand-in URL>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundle } from "../bundle.js";
import { resultLine } from "../scenario.js";

const COMPATIBILITY_DATE = "2026-01-01";
const [consumer, standInUrl] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(require.resolve("workerd/package.json"), "utf8"));

const code = await bundle(join(consumer, "runtimes/workerd/worker.js"), [
  "workerd",
  "worker",
  "browser",
]);
const miniflare = new Miniflare({
  workers: [
    {
      config: {
        name: "runtime-matrix",
        compatibilityDate: COMPATIBILITY_DATE,
        manifest: {
          mainModule: "worker.js",
          modules: { "worker.js": { type: "esm", contents: code } },
        },
        env: { STAND_IN_URL: { type: "json", value: standInUrl } },
      },
    },
  ],
});
try {
  const response = await miniflare.dispatchFetch("http://runtime-matrix.local/");
  const text = await response.text();
  if (!response.ok)
    throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 800)}`);
  console.log(resultLine(`workerd ${version}`, JSON.parse(text)));
} finally {
  await miniflare.dispose();
}
