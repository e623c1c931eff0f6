import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { expect, it } from "vitest";

it("the proxy client bundles for the browser to at most 2048 bytes gzipped", async () => {
  const result = await build({
    entryPoints: ["src/proxy.ts"],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  expect(bytes.length).toBeGreaterThan(0);
  expect(gzipSync(bytes, { level: 9 }).length).toBeLessThanOrEqual(2048);
});
