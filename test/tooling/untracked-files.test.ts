import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, expect, it } from "vitest";

// A scratch file a developer leaves in the checkout: untracked, and wrong for Biome and for tsc.
const SCRATCH = `scratch-${process.pid}.ts`;
writeFileSync(SCRATCH, 'var  x = 1;;\nconst y: number = "not a number";\n');
afterAll(() => rmSync(SCRATCH, { force: true }));

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

it("is untracked, and Biome flags it when asked about it directly", () => {
  expect(run("git", ["ls-files", "--others", "--exclude-standard"]).output).toContain(SCRATCH);
  expect(run("biome", ["check", SCRATCH]).status).not.toBe(0);
});

it("npm test's lint step checks only tracked files, so the scratch file does not fail it", () => {
  const logs = mkdtempSync(join(tmpdir(), "test-logs-"));
  try {
    const result = spawnSync("node", ["scripts/test.js", "lint"], {
      encoding: "utf8",
      env: { ...process.env, TEST_LOGS_DIR: logs },
    });
    expect(result.stdout).toMatch(/^\[1\/1\] lint: Biome, tracked files$/m);
    expect(result.stdout).toMatch(/^ {6}ok in [\d.]+ s: Checked \d+ files/m);
    expect(result.stdout).toMatch(/^npm test: all passed/m);
    expect(result.stdout, "the summary names the step's log").toContain(
      join(basename(logs), "lint.log"),
    );
    expect(readFileSync(join(logs, "lint.log"), "utf8")).not.toContain(SCRATCH);
    expect(result.status).toBe(0);
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
});

it("the typecheck does not include it either", () => {
  const files = run("tsc", ["-p", "tsconfig.json", "--listFilesOnly"]);
  expect(files.status).toBe(0);
  expect(files.output).toContain("vitest.config.ts");
  expect(files.output).not.toContain(SCRATCH);
});
