import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { pack } from "../runtimes/pack.js";

const work = mkdtempSync(join(tmpdir(), "published-scripts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Scripts npm runs by itself when a package is installed: none may fail for a missing file.
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare"];

it("the published package's install-time scripts all run in the unpacked tarball", () => {
  const { tarball } = pack(process.cwd(), work);
  execFileSync("tar", ["-xzf", tarball, "-C", work]);
  const unpacked = join(work, "package");
  const { scripts = {} } = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const present = INSTALL_SCRIPTS.filter((name) => name in scripts);
  expect(present).toEqual(["prepare"]);
  for (const name of present) {
    const result = spawnSync("npm", ["run", name], { cwd: unpacked, encoding: "utf8" });
    expect(result.status, `${name}: ${result.stderr}`).toBe(0);
  }
});
