// Every quick start of the README, run exactly as it is written there, against `npm run emulator`:
// the code saved under the file name the README gives, in a project that installed the packed
// tarball, started with the README's own command (Node 20 and 24, Deno, Bun), or for Workers
// bundled as wrangler does and run in workerd. Only the emulator's printed exports are added.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundle } from "../runtimes/bundle.js";
import { installConsumer, pack } from "../runtimes/pack.js";
import { type QuickStart, readQuickStarts } from "./readme-quick-starts.js";

const root = resolve(".");
const bin = (path: string) => join(root, "node_modules", path);
const CALL = /^CA[0-9a-f]{32} queued$/;
// Deno and Bun must never reach a registry: npm's registry is a closed loopback port.
const NO_REGISTRY = "http://127.0.0.1:9/";

const quickStarts = readQuickStarts();
const quickStart = (heading: string): QuickStart => {
  const found = quickStarts.find((entry) => entry.heading === heading);
  if (!found) throw new Error(`README.md has no quick start "${heading}"`);
  return found;
};

let work = "";
let consumer = "";
let emulator: ChildProcess | undefined;
/** The settings `npm run emulator` printed as `export NAME=value` lines. */
const exported: Record<string, string> = {};

/** Starts `npm run emulator` and reads its export lines, up to the line that ends them. */
const startEmulator = async () => {
  const child = spawn(
    "npm",
    ["run", "--silent", "emulator", "--", "--port", "0", "--step-ms", "0"],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /^export (\w+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) exported[match[1]] = match[2];
    if (line.includes("Ctrl-C stops the emulator")) break;
  }
  return child;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "quick-starts-"));
  const entries = join(work, "entries");
  mkdirSync(entries);
  consumer = installConsumer(work, pack(root, work).tarball, entries);
  emulator = await startEmulator();
}, 180_000);

afterAll(async () => {
  if (emulator?.pid) {
    const exited = once(emulator, "exit");
    process.kill(-emulator.pid, "SIGTERM");
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Saves the quick start's code where the README says, then runs its command with `runtime`. */
const run = (entry: QuickStart, runtime: string, env: Record<string, string> = {}) => {
  writeFileSync(join(consumer, entry.file), entry.code);
  const [command, ...args] = (entry.command ?? "").split(" ");
  const result = spawnSync(runtime, args, {
    cwd: consumer,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: work, NO_COLOR: "1", ...exported, ...env },
    timeout: 60_000,
  });
  return { command, stdout: result.stdout.trim(), stderr: result.stderr, status: result.status };
};

describe("the README quick starts run verbatim against npm run emulator", () => {
  it("npm run emulator prints the base URL and the test credentials", () => {
    expect(exported.TWILIO_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(exported).sort()).toEqual([
      "TWILIO_ACCOUNT_SID",
      "TWILIO_API_KEY",
      "TWILIO_API_SECRET",
      "TWILIO_AUTH_TOKEN",
      "TWILIO_BASE_URL",
    ]);
  });

  it("has the four quick starts, each reading TWILIO_BASE_URL", () => {
    expect(quickStarts.map((entry) => entry.heading)).toEqual([
      "Node (20+)",
      "Deno",
      "Bun",
      "Cloudflare Workers",
    ]);
    for (const entry of quickStarts) expect(entry.code).toContain("TWILIO_BASE_URL");
  });

  it.each([
    ["node20", "node20/bin/node"],
    ["node24", "node/bin/node"],
  ])("Node (20+) with %s", (_, node) => {
    const entry = quickStart("Node (20+)");
    const result = run(entry, bin(node));
    expect(result.command).toBe("node");
    expect(result.stdout, result.stderr).toMatch(CALL);
  });

  it("Deno", () => {
    const entry = quickStart("Deno");
    const result = run(entry, bin(".bin/deno"), {
      DENO_DIR: join(work, "deno-dir"),
      DENO_NO_UPDATE_CHECK: "1",
      NPM_CONFIG_REGISTRY: NO_REGISTRY,
    });
    expect(result.command).toBe("deno");
    expect(result.stdout, result.stderr).toMatch(CALL);
  });

  it("Bun", () => {
    const entry = quickStart("Bun");
    const result = run(entry, bin(".bin/bun"), {
      BUN_INSTALL_CACHE_DIR: join(work, "bun-cache"),
      NPM_CONFIG_REGISTRY: NO_REGISTRY,
    });
    expect(result.command).toBe("bun");
    expect(result.stdout, result.stderr).toMatch(CALL);
  });

  it("Cloudflare Workers, in workerd with the exports as its vars", async () => {
    const entry = quickStart("Cloudflare Workers");
    const file = join(consumer, entry.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.code);
    const code = await bundle(file, ["workerd", "worker", "browser"]);
    const miniflare = new Miniflare({
      workers: [
        {
          config: {
            name: "quick-start",
            compatibilityDate: "2026-11-01",
            manifest: {
              mainModule: "index.js",
              modules: { "index.js": { type: "esm", contents: code } },
            },
            env: Object.fromEntries(
              Object.entries(exported).map(([name, value]) => [name, { type: "json", value }]),
            ),
          },
        },
      ],
    } as never);
    try {
      const response = await miniflare.dispatchFetch("http://quick-start.local/");
      const body = (await response.json()) as { sid: string; status: string };
      expect(response.status).toBe(200);
      expect(`${body.sid} ${body.status}`).toMatch(CALL);
    } finally {
      await miniflare.dispose();
    }
  });
});
