import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SID, API_KEY, BASE_ENV, SECRETS, usNumber } from "../worker/fixtures.js";
import {
  leaksIn,
  scanForSecrets,
  seenSoFar,
  startProxy,
  type TestProxy,
} from "../worker/harness.js";
import { signJwt } from "../worker/tokens.js";
import type { RecordedRequest } from "../worker/twilio-recorder.js";

// Every file that starts a proxy registers scanForSecrets() (startProxy refuses to run otherwise),
// and the scan reads every response body, header list and log line of that file. This file checks
// that the scan covers every test file and every secret, and that it does catch a leak.

scanForSecrets();

/** The secrets, listed independently of the harness: each value, each API key, the Basic pairs. */
const SECRET_VALUES = [
  ...Object.values(SECRETS).flatMap((value) => value.split(",")),
  btoa(`${BASE_ENV.TWILIO_API_KEY}:${SECRETS.TWILIO_API_SECRET}`),
  btoa(`${ACCOUNT_SID}:${SECRETS.TWILIO_AUTH_TOKEN}`),
];

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: { LIMIT_CALLER_PER_MINUTE: "100", LIMIT_DESTINATION_PER_HOUR: "100" },
  });
});
afterAll(() => proxy.close());

/** Twilio echoing back the credentials it was sent, as a misbehaving upstream might. */
const echoCredentials = (request: RecordedRequest) => {
  const text = `${request.headers.authorization} ${Object.values(SECRETS).join(" ")}`;
  return Response.json(
    { code: 21215, message: text, more_info: text, status: 400 },
    { status: 400 },
  );
};

describe("the secret scan", () => {
  it("covers every test file that uses the harness", () => {
    const files = ["test/worker", "test/hardening"].flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => name.endsWith(".test.ts"))
        .map((name) => `${dir}/${name}`),
    );
    const using = files.filter((file) => readFileSync(file, "utf8").includes('/harness.js"'));
    expect(using.length).toBeGreaterThan(15);
    for (const file of using) {
      expect([file, /^scanForSecrets\(\);$/m.test(readFileSync(file, "utf8"))]).toEqual([
        file,
        true,
      ]);
    }
  });

  it("finds nothing in what the proxy answered and logged, even when Twilio echoes the secrets", async () => {
    proxy.twilio.respond(echoCredentials);
    const asKey = { Authorization: `Bearer ${API_KEY}` };
    const asJwt = { Authorization: `Bearer ${await signJwt("someone")}` };
    for (const headers of [asKey, asJwt]) {
      expect((await proxy.createCall({ to: usNumber(1) }, headers)).status).toBe(422);
    }
    proxy.twilio.respond(
      (request) => new Response(`<html>${request.headers.authorization}</html>`, { status: 500 }),
    );
    expect((await proxy.createCall({ to: usNumber(2) })).status).toBe(502);
    // Secrets (or near misses) presented as credentials and as field values. Not in the path: the
    // log line names the path a client asked for, so a client's own input would come back there.
    for (const secret of SECRET_VALUES) {
      await proxy.createCall(
        { to: usNumber(3), from: secret },
        { Authorization: `Bearer ${secret}x` },
      );
      await proxy.createCall({ to: secret, from: secret, flow: secret }, asKey);
      await proxy.createCall({ to: usNumber(3) }, { ...asKey, "Idempotency-Key": secret });
    }
    expect(seenSoFar().length).toBeGreaterThan(20);
    expect(leaksIn(seenSoFar())).toEqual([]);
  });

  it.each(SECRET_VALUES.map((secret, n) => [n, secret]))(
    "catches planted secret #%i",
    (_, secret) => {
      const body = JSON.stringify({ type: "urn:x", detail: `Twilio said: ${secret}.` });
      const line = JSON.stringify({ level: "log", reason: "x", error: `key=${secret}` });
      const planted = [body, line, `["authorization","Basic ${secret}"]`];
      expect(leaksIn([...seenSoFar(), ...planted])).toEqual(planted);
    },
  );
});
