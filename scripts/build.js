// Builds the published package: every file of src/ as an ES module (esbuild), plus .d.ts files (tsc).
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const sources = readdirSync("src", { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
  .map((entry) => join(entry.parentPath, entry.name));

rmSync("dist", { recursive: true, force: true });
console.log(`build: transpiling ${sources.length} files of src/ to dist/`);
await build({
  entryPoints: sources,
  outdir: "dist",
  outbase: "src",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  bundle: false,
  logLevel: "warning",
});
// Type-only modules compile to empty files; the declarations are all a user needs of them.
for (const file of readdirSync("dist", { recursive: true })) {
  const path = join("dist", String(file));
  if (path.endsWith(".js") && statSync(path).size === 0) rmSync(path);
}
console.log("build: writing declaration files");
execFileSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
console.log("build: done");
