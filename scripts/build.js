// Builds the published package: each public entry as one ES module (esbuild), plus .d.ts files (tsc).
// One file per entry is what makes start-up cheap: Node resolves and compiles a handful of files
// instead of one per source module. An entry imports another entry (the root re-exports webhooks)
// and the error classes as separate files, so no code is shipped twice where both are imported and
// `instanceof TwilioError` holds across entries.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { build } from "esbuild";

/** The source of each entry point in package.json's `exports` (dist/x.js comes from src/x.ts). */
export const entrySources = () =>
  Object.values(JSON.parse(readFileSync("package.json", "utf8")).exports)
    .map((target) => target?.default)
    .filter((path) => typeof path === "string" && path.startsWith("./dist/"))
    .map((path) => path.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"));

/** Modules kept as files of their own: every entry, and the one home of the error classes. */
const separateFiles = (entries) =>
  [...entries, "src/shared/errors.ts"].map((file) => resolve(file));

const outputOf = (source) =>
  resolve(source.replace(/^(.*)\bsrc\//, "$1dist/").replace(/\.ts$/, ".js"));

/** Resolves imports of the other separate files to their built files, as externals. */
const keepSeparate = (entry, separate) => ({
  name: "keep-separate",
  setup(plugin) {
    plugin.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
      const target = resolve(resolveDir, path).replace(/\.js$/, ".ts");
      if (target === resolve(entry) || !separate.includes(target)) return undefined;
      let specifier = relative(dirname(outputOf(resolve(entry))), outputOf(target));
      if (!specifier.startsWith(".")) specifier = `./${specifier}`;
      return { path: specifier, external: true };
    });
  },
});

rmSync("dist", { recursive: true, force: true });
const entries = entrySources();
const separate = separateFiles(entries);
console.log(`build: bundling ${entries.length} entry points and the error classes to dist/`);
for (const source of [...entries, "src/shared/errors.ts"]) {
  await build({
    entryPoints: [source],
    outfile: outputOf(source),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    plugins: [keepSeparate(source, separate)],
    logLevel: "warning",
  });
}
console.log("build: writing declaration files");
execFileSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
console.log("build: done");
