import { build } from "esbuild";
import { expect, it } from "vitest";

// The 1.5 KB budget of the twiml entry itself is checked by `npm run size` on the built package.
it("the package root does not pull in the TwiML builder", async () => {
  const result = await build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs).toContain("src/index.ts");
  expect(inputs.filter((file) => file.startsWith("src/twiml/"))).toEqual([]);
});
