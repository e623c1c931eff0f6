// Step 1: gzipped bundle sizes of the package's entries beside the official package's, and install sizes.
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { formatBytes, formatRatio, goal } from "./table.js";

const ROOT = new URL("..", import.meta.url).pathname;

/** What a user of each entry writes; the first is the one the 100x goal is about. */
const ENTRIES = [
  {
    name: "createClient, the whole Calls API",
    code: 'import { createClient } from "./dist/index.js"; export const calls = (config) => createClient(config).calls;',
  },
  { name: "webhooks entry", code: 'export * from "./dist/webhooks/index.js";' },
  { name: "proxy client", code: 'export * from "./dist/proxy-client/index.js";' },
  { name: "twiml entry", code: 'export * from "./dist/twiml/index.js";' },
];
const OFFICIAL =
  'import twilio from "twilio"; export const place = (sid, token, params) => twilio(sid, token).calls.create(params);';

/** Minified, then gzipped (level 9) bytes of `code` bundled by esbuild for `platform`. */
const bundleSize = async (code, platform) => {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: platform === "node" ? "node20" : "es2022",
    write: false,
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
};

/** Disk usage (as `du` counts it: 512-byte blocks) of a file or a directory, without nested node_modules. */
const diskUsage = (path) => {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.blocks * 512;
  const entries = readdirSync(path).filter((name) => name !== "node_modules");
  return entries.reduce((sum, name) => sum + diskUsage(join(path, name)), stat.blocks * 512);
};

/** The lock file paths of `start` and every package it needs installed, resolved as Node does. */
const closure = (lock, start) => {
  const found = new Set();
  const visit = (path) => {
    if (found.has(path)) return;
    found.add(path);
    const meta = lock.packages[path];
    const peers = Object.keys(meta.peerDependencies ?? {}).filter(
      (name) => !meta.peerDependenciesMeta?.[name]?.optional,
    );
    const names = [
      ...Object.keys(meta.dependencies ?? {}),
      ...Object.keys(meta.optionalDependencies ?? {}),
      ...peers,
    ];
    for (const name of names) {
      // Look in the package's own node_modules, then in each enclosing one up to the root.
      for (
        let base = path;
        ;
        base = base.slice(0, Math.max(0, base.lastIndexOf("/node_modules/")))
      ) {
        const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
        if (lock.packages[candidate]) {
          visit(candidate);
          break;
        }
        if (!base) break; // an optional dependency for another platform: not installed
      }
    }
  };
  visit(start);
  return [...found];
};

/** The published files of this package: what `files` lists plus the files npm always includes. */
const ownInstallSize = () =>
  ["dist", "CHANGELOG.md", "package.json", "README.md", "LICENSE"]
    .map((name) => join(ROOT, name))
    .filter((path) => existsSync(path))
    .reduce((sum, path) => sum + diskUsage(path), 0);

/** Runs step 1 and returns its table rows. */
export const runSize = async () => {
  const official = await bundleSize(OFFICIAL, "node");
  const rows = [];
  for (const [index, entry] of ENTRIES.entries()) {
    const size = await bundleSize(entry.code, "browser");
    const ratio = official / size;
    rows.push({
      figure: `bundle, ${entry.name} (min+gz)`,
      "this package": formatBytes(size),
      official: index === 0 ? `${formatBytes(official)} (node)` : "",
      ratio: index === 0 ? `${formatRatio(ratio)} smaller` : "",
      ...(index === 0 ? goal("<= 3 KiB, >= 100x smaller", size <= 3072 && ratio >= 100) : {}),
    });
  }
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const packages = closure(lock, "node_modules/twilio");
  const installed = packages.reduce((sum, path) => sum + diskUsage(join(ROOT, path)), 0);
  const own = ownInstallSize();
  rows.push({
    figure: "install size (du)",
    "this package": `${formatBytes(own)}, 0 deps`,
    official: `${formatBytes(installed)}, ${packages.length - 1} deps`,
    ratio: `${formatRatio(installed / own)} smaller`,
  });
  return rows;
};
