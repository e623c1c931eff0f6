// Size budget: each public entry, bundled for the browser, minified and gzipped, must stay under its limit.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Entry code (what a user writes) and the most gzipped bytes its bundle may take. */
export const BUDGETS = [
  { name: "createClient", code: 'export { createClient } from "./dist/index.js";', limit: 4250 },
  {
    name: "webhooks (whole entry)",
    code: 'export * from "./dist/webhooks/index.js";',
    limit: 2300,
  },
  {
    name: "proxy client",
    code: 'export { createProxyClient } from "./dist/proxy-client/index.js";',
    limit: 2048,
  },
  {
    name: "campaign client",
    code: 'export { createCampaignClient } from "./dist/proxy-client/index.js";',
    limit: 2560,
  },
  { name: "twiml", code: 'export { VoiceResponse } from "./dist/twiml/index.js";', limit: 3072 },
];

export const gzippedSize = async (code) => {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const { name, code, limit } of BUDGETS) {
    const { minified, gzipped } = await gzippedSize(code);
    const ok = gzipped <= limit;
    if (!ok) failed++;
    console.log(
      `size: ${ok ? "ok  " : "FAIL"} ${name}: ${minified} B minified, ${gzipped} B gzipped (limit ${limit} B)`,
    );
  }
  if (failed) process.exit(1);
}
