// Builds the demo page (worker/demo/) into a folder that `wrangler dev --assets` serves.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const source = fileURLToPath(new URL("../../worker/demo/", import.meta.url));

/**
 * @typedef {object} DemoConfig what the page reads from `/config.json`
 * @property {"emulator" | "twilio"} mode
 * @property {string} apiKey the key the page sends as `Authorization: Bearer`
 * @property {string[]} flows the flow names, the default first
 * @property {{ number: string, outcome: string }[]} specialDestinations numbers to try (emulator)
 */

/**
 * Bundles the page's script (with the proxy client from src/) and writes index.html, style.css,
 * app.js and config.json to `outDir`.
 * @param {string} outDir
 * @param {DemoConfig} config
 */
export const buildDemo = async (outDir, config) => {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(source, "app.ts")],
    outfile: join(outDir, "app.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    logLevel: "warning",
  });
  for (const file of ["index.html", "style.css"])
    copyFileSync(join(source, file), join(outDir, file));
  writeFileSync(join(outDir, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
};
