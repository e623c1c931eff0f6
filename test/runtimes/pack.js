// Packs the repository as npm would publish it and installs the tarball into a fresh consumer
// project, offline, so every runtime imports the published artifact and never src/.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const run = (cwd, args) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** `npm pack` (its prepack builds dist/) into `work`; returns the pack report of npm --json. */
export const pack = (root, work) => {
  const out = run(root, ["pack", "--pack-destination", work, "--json"]);
  // Lifecycle scripts may print before npm's JSON report, which starts on a line of its own.
  const [report] = JSON.parse(out.slice(out.search(/^\[$/m)));
  return { ...report, tarball: join(work, report.filename) };
};

/**
 * Creates `<work>/consumer`, installs the tarball there with `npm install --offline` and copies the
 * runtime entries (this folder) to `<consumer>/runtimes`, so their bare imports resolve to it.
 */
export const installConsumer = (work, tarball, entriesDir) => {
  const consumer = join(work, "consumer");
  mkdirSync(consumer, { recursive: true });
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "runtime-matrix-consumer", private: true, type: "module" }),
  );
  run(consumer, ["install", "--offline", "--no-audit", "--no-fund", tarball]);
  cpSync(entriesDir, join(consumer, "runtimes"), { recursive: true });
  return consumer;
};
