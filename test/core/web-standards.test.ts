import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const sources = readdirSync("src", { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
  .map((entry) => join(entry.parentPath, entry.name));

describe("the core uses web standards only", () => {
  it("has source files to check", () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources)("%s imports no node: module and no Buffer or process", (file) => {
    const code = readFileSync(file, "utf8").replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "");
    expect(code).not.toMatch(/from\s+["']node:|require\(|import\(\s*["']node:/);
    expect(code).not.toMatch(/\bBuffer\b|\bprocess\b|\b__dirname\b/);
    for (const [, target] of code.matchAll(/from\s+["']([^"']+)["']/g)) {
      expect(target?.startsWith(".")).toBe(true);
    }
  });

  it.each([
    "src/index.ts",
    "src/webhooks/index.ts",
    "src/proxy-client/index.ts",
    "src/twiml/index.ts",
  ])("%s bundles for the browser with no externals", async (entry) => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(/require\(|from\s*["']node:/);
  });
});
