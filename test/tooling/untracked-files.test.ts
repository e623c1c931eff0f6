import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
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

it("npm run lint checks only tracked files, so the scratch file does not fail it", () => {
  const lint = run("node", ["scripts/lint.js"]);
  expect(lint.output).not.toContain(SCRATCH);
  expect(lint.status).toBe(0);
});

it("the typecheck does not include it either", () => {
  const files = run("tsc", ["-p", "tsconfig.json", "--listFilesOnly"]);
  expect(files.status).toBe(0);
  expect(files.output).toContain("vitest.config.ts");
  expect(files.output).not.toContain(SCRATCH);
});
