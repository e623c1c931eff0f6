import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const gzippedBundle = async (entry: string): Promise<{ code: string; gzipped: number }> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { code: new TextDecoder().decode(bytes), gzipped: gzipSync(bytes, { level: 9 }).length };
};

describe("twilio-edge-calls/twiml bundle", () => {
  it("is at most 1.5 KB gzipped for the browser", async () => {
    const { gzipped } = await gzippedBundle("src/twiml/index.ts");
    expect(gzipped).toBeLessThanOrEqual(1536);
  });

  it("is not pulled in by the package root", async () => {
    const { code } = await gzippedBundle("src/index.ts");
    expect(code).not.toContain("<?xml");
    expect(code).not.toContain("&amp;");
  });
});
