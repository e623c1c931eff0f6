// Loads the emulator's TypeScript in plain Node, whatever its version. Node 22.18+/24 strips the types
// itself, and a resolve hook maps the `.js` specifiers (the NodeNext convention) to the `.ts` files;
// older Node (npm's `node` may be 20) gets the same files bundled by esbuild instead.
import { Buffer } from "node:buffer";
import module from "node:module";
import { fileURLToPath } from "node:url";

const entry = new URL("./index.ts", import.meta.url);

const viaTypeStripping = () => {
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const relativeJs = /^\.\.?\//.test(specifier) && specifier.endsWith(".js");
        if (error?.code !== "ERR_MODULE_NOT_FOUND" || !relativeJs) throw error;
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
    },
  });
  return import(entry.href);
};

const viaEsbuild = async () => {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = Buffer.from(result.outputFiles[0].contents).toString("base64");
  return import(`data:text/javascript;base64,${code}`);
};

/**
 * The emulator module (`createTwilioEmulator`, `serveTwilioEmulator`, …) loaded from its sources.
 * @returns {Promise<typeof import("./index.ts")>}
 */
export const loadEmulator = () =>
  process.features.typescript && typeof module.registerHooks === "function"
    ? viaTypeStripping()
    : viaEsbuild();
