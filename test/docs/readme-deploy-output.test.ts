// The README's sample of `npm run deploy -- --dry-run` in a fresh clone is what the preflight prints:
// every line, in order, nothing left out.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const scratch = mkdtempSync(join(tmpdir(), "readme-deploy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("the README's dry-run sample is the preflight's whole output on the committed config", () => {
  const readme = readFileSync("README.md", "utf8");
  const sample = /```\n(\[deploy\] preflight:[\s\S]*?)```/.exec(readme)?.[1]?.trimEnd() ?? "";
  // No secret from this shell (the emulator's export lines, say), no Cloudflare login, offline.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    XDG_CONFIG_HOME: join(scratch, "config"),
    CLOUDFLARE_API_BASE_URL: "http://127.0.0.1:9/client/v4",
    NO_COLOR: "1",
  };
  const result = spawnSync(process.execPath, ["scripts/deploy.js", "--dry-run"], {
    encoding: "utf8",
    env,
  });
  const printed = `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.startsWith("[deploy]"))
    .join("\n");
  expect(result.status).toBe(1);
  expect(sample).not.toBe("");
  expect(printed).toBe(sample);
});
