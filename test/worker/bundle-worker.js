// The proxy worker bundled the way wrangler bundles it (esbuild, ESM, workerd conditions): shared by
// the worker tests and the benchmarks, so both run exactly what a deploy would.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * @param {{ wrapper?: string }} [options] `wrapper`: TypeScript to bundle instead of worker/index.ts,
 *   resolved from worker/ (it imports "./index.js"), for a test that wraps the worker.
 * @returns {Promise<string>} the bundled worker module's code
 */
export const bundleWorker = async ({ wrapper } = {}) => {
  const workerDir = fileURLToPath(new URL("../../worker/", import.meta.url));
  const result = await build({
    ...(wrapper
      ? { stdin: { contents: wrapper, resolveDir: workerDir, loader: "ts" } }
      : { entryPoints: [`${workerDir}index.ts`] }),
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
