// The proxy worker bundled the way wrangler bundles it (esbuild, ESM, workerd conditions): shared by
// the worker tests and the benchmarks, so both run exactly what a deploy would.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** @returns {Promise<string>} the bundled worker module's code */
export const bundleWorker = async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../../worker/index.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:workers"],
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
};
