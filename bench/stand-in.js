// The tests' Twilio emulator, served on loopback in a child process so that it does not share the
// benchmark's event loop. Run directly, it serves and prints its URL; imported, it starts that child.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

/** Credentials the stand-in accepts. */
export const CREDENTIALS = {
  accountSid: "AC00000000000000000000000000000000",
  authToken: "bench-auth-token",
  apiKey: "SK00000000000000000000000000000000",
  apiSecret: "bench-api-secret",
};

/** Starts the stand-in; resolves with its base URL and a `close()` that ends the child. */
export const startStandIn = async () => {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const [line] = await Promise.race([
    once(createInterface({ input: child.stdout }), "line"),
    exited.then(() => []),
  ]);
  if (!line?.startsWith("http")) throw new Error("the emulator did not start");
  const close = () => {
    child.stdin.end();
    return exited;
  };
  return { url: line, close };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadEmulator } = await import("../test/emulator/load.js");
  const { serveTwilioEmulator } = await loadEmulator();
  // "manual": calls never progress, so no timer or status callback runs during a measurement.
  const served = await serveTwilioEmulator({ ...CREDENTIALS, stepMs: "manual" });
  console.log(served.url);
  // Ends with its parent, however the parent ends: stdin closes then.
  process.stdin.resume().on("end", () => served.close().then(() => process.exit(0)));
}
