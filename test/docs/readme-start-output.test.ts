// The README's sample of what `npm start` prints is what it prints, line for line (ports aside: the
// emulator's is any free one, and the test's proxy cannot count on 8787).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type StartedDemo, startDemo } from "../e2e/start-process.js";

let demo: StartedDemo | undefined;
afterAll(async () => {
  await demo?.stop();
});

const withoutPorts = (text: string) => text.replaceAll(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT");

it("the README's npm start sample is what npm start prints until it is ready", async () => {
  const readme = readFileSync("README.md", "utf8");
  const sample = /```\n(\[start\] [\s\S]*?)```/.exec(readme)?.[1]?.trimEnd() ?? "";
  expect(sample).toContain("[start] ready: open");
  // No .dev.vars of this checkout (emulator mode, as in a fresh clone), at the default pace.
  demo = await startDemo({
    DEV_VARS: join("test", "docs", "no-such.dev.vars"),
    EMULATOR_STEP_MS: "900",
  });
  const printed = demo
    .output()
    .split("\n")
    .filter((line) => line.startsWith("[start]") || line.startsWith("  proxy |"));
  expect(withoutPorts(printed.join("\n"))).toBe(withoutPorts(sample));
}, 60_000);
