// The worker's own config validation (worker/config/load.ts and schema.ts), loaded into Node: the
// preflight checks a production config with exactly the code that guards every request.
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * @typedef {{ setting: string, message: string }} ConfigIssue
 * @typedef {{ ok: true } | { ok: false, issue: ConfigIssue }} ConfigResult
 * @typedef {{
 *   loadConfig: (env: Record<string, string>) => ConfigResult,
 *   settingNames: string[],
 * }} WorkerConfig
 */

const source = `
export { loadConfig } from "./load.ts";
import { SETTINGS } from "./schema.ts";
// SETTINGS is an object schema, possibly wrapped in a pipe of cross-checks.
const shape = SETTINGS.entries ?? SETTINGS.pipe?.[0]?.entries ?? {};
export const settingNames = Object.keys(shape);
`;

/** @returns {Promise<WorkerConfig>} */
export const loadWorkerConfig = async () => {
  const result = await build({
    stdin: {
      contents: source,
      resolveDir: fileURLToPath(new URL("../../worker/config/", import.meta.url)),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  const code = Buffer.from(result.outputFiles[0]?.contents ?? []).toString("base64");
  return import(`data:text/javascript;base64,${code}`);
};
