import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const bundle = async (contents: string) => {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    inputs: Object.keys(result.metafile.inputs),
    gzipped: gzipSync(code, { level: 9 }).length,
  };
};

// The budget of the built entry (3 KB gzipped) is also checked by `npm run size` on dist/.
describe("tree-shaking", () => {
  it("the package root does not pull in the TwiML builder", async () => {
    const { inputs } = await bundle('export { createClient } from "./src/index.ts";');
    expect(inputs).toContain("src/index.ts");
    expect(inputs.filter((file) => file.startsWith("src/twiml/"))).toEqual([]);
  });

  it("VoiceResponse used for Say and Dial stays under 3 KB gzipped, with nothing of the core", async () => {
    const { inputs, gzipped } = await bundle(`
      import { VoiceResponse } from "./src/twiml/index.ts";
      const response = new VoiceResponse();
      response.say({ voice: "alice" }, "Hello");
      response.dial({ callerId: "+15017122661" }).number("+15558675310");
      export const twiml = response.toString();
    `);
    expect(gzipped).toBeLessThanOrEqual(3072);
    expect(inputs.filter((file) => !file.startsWith("src/twiml/"))).toEqual([
      "src/shared/errors.ts",
      "<stdin>",
    ]);
  });
});
