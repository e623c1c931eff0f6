import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { serveTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT, basic, expectedSignature, KEY, SECRET, TOKEN, VALID } from "./helpers.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A loopback HTTP server that records the status callbacks it receives. */
const receiver = async () => {
  const bodies: { url: string; signature: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      bodies.push({
        url: req.url ?? "",
        signature: String(req.headers["x-twilio-signature"]),
        body,
      });
      res.writeHead(204).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, bodies };
};

describe("serveTwilioEmulator", () => {
  it("serves the REST surface on an ephemeral loopback port and posts real callbacks", async () => {
    const hook = await receiver();
    const served = await serveTwilioEmulator({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      apiKey: KEY,
      apiSecret: SECRET,
      port: 0,
    });
    cleanups.push(() => served.close());
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${served.url}/2010-04-01/Accounts/${ACCOUNT}/Calls.json`, {
      method: "POST",
      headers: { Authorization: basic(KEY, SECRET) },
      body: new URLSearchParams({ ...VALID, StatusCallback: hook.url }),
    });
    expect(response.status).toBe(201);
    const { sid } = await response.json();
    await served.emulator.settled();
    expect(hook.bodies).toHaveLength(1);
    const [callback] = hook.bodies;
    expect(new URLSearchParams(callback?.body).get("CallSid")).toBe(sid);
    expect(callback?.signature).toBe(expectedSignature(hook.url, callback?.body ?? ""));

    const unauthorized = await fetch(
      `${served.url}/2010-04-01/Accounts/${ACCOUNT}/Calls/${sid}.json`,
    );
    expect(unauthorized.status).toBe(401);
    expect((await unauthorized.json()).code).toBe(20003);
  });

  it("runs as a CLI with plain node and prints its URL", async () => {
    const main = fileURLToPath(new URL("../emulator/main.js", import.meta.url));
    const child = spawn(process.execPath, [main, "--port", "0", "--step-ms", "0"], {
      env: { ...process.env, TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(() => child.kill("SIGTERM"));
    const [line] = (await once(child.stdout, "data")) as [Buffer];
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line.toString())?.[0];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/2010-04-01/Accounts/${ACCOUNT}/Calls.json`, {
      method: "POST",
      headers: { Authorization: basic(ACCOUNT, TOKEN) },
      body: new URLSearchParams(VALID),
    });
    expect(response.status).toBe(201);
  });
});
