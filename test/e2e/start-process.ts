import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** What `/config.json` tells the demo page (written by scripts/start/demo.js). */
export type DemoConfig = {
  mode: "emulator" | "twilio";
  apiKey: string;
  flows: string[];
  specialDestinations: { number: string; outcome: string }[];
};

/** A running `npm start` (scripts/start.js): the proxy's origin, its output, and a clean stop. */
export type StartedDemo = {
  origin: string;
  config: DemoConfig;
  output: () => string;
  stop: () => Promise<void>;
};

const running = new Set<ChildProcess>();

// Last resort if a test run dies without its afterAll: take the whole process group down.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/**
 * Runs scripts/start.js exactly as `npm start` does, in its own process group (so the proxy, wrangler
 * and workerd all stop together), on a free port, and resolves once it says it is ready.
 */
export const startDemo = async (
  env: Record<string, string> = {},
  readyWithinMs = 45_000,
): Promise<StartedDemo> => {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.js"], {
    cwd: new URL("../..", import.meta.url),
    env: { ...process.env, PORT: String(port), EMULATOR_STEP_MS: "100", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    killGroup(child, "SIGINT");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    killGroup(child, "SIGKILL");
    running.delete(child);
  };
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const origin = /ready: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (origin) resolve(origin);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`start.js exited (${code}):\n${output}`)));
    const late = () => reject(new Error(`start.js not ready in ${readyWithinMs} ms:\n${output}`));
    setTimeout(late, readyWithinMs).unref();
  });
  try {
    const origin = await ready;
    const config = (await (await fetch(`${origin}/config.json`)).json()) as DemoConfig;
    return { origin, config, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** Runs scripts/start.js until it exits by itself (within `withinMs`); for runs that must refuse to start. */
export const runStartToExit = (
  env: Record<string, string>,
  withinMs = 30_000,
): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start.js"], {
      cwd: new URL("../..", import.meta.url),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`start.js still running after ${withinMs} ms:\n${output}`));
    }, withinMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, output });
    });
  });
