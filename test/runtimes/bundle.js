// Bundles a runtime entry and the package it imports into one ES module, as a Worker or browser
// build would (esbuild; the package resolved from the consumer project's node_modules).
import { build } from "esbuild";

/** Returns the bundled code of `entry`, resolving packages with the given export conditions. */
export const bundle = async (entry, conditions) => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions,
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
};
