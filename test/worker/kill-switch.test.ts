import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeCall, sendCallback } from "./callbacks.js";
import { API_KEY, APP_ORIGIN, TWILIO_HOST, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { expectProblem } from "./problem.js";
import { signJwt } from "./tokens.js";

scanForSecrets();

const persist = mkdtempSync(join(tmpdir(), "proxy-paused-"));
let sid = "";
let callbackUrl = "";
let paused: TestProxy;
/** Requests the paused proxy sent to the identity providers (Turnstile's siteverify, the JWKS). */
const identityRequests: string[] = [];

beforeAll(async () => {
  // A call placed while calls flow, then the switch flipped: the next version runs on the same state.
  const running = await startProxy({ persist });
  ({ sid, callbackUrl } = await placeCall(running, usNumber(1)));
  await running.close();
  paused = await startProxy({
    persist,
    env: { CALLS_PAUSED: "true" },
    outbound: (host, path) => {
      if (host !== TWILIO_HOST) identityRequests.push(`${host}${path}`);
      return undefined;
    },
  });
});
afterAll(async () => {
  await paused.close();
  rmSync(persist, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${API_KEY}` };

describe("CALLS_PAUSED=true", () => {
  it("refuses every new call with 503 calls_paused and Retry-After, before anything else", async () => {
    for (const [body, headers] of [
      [{ to: usNumber(2) }, auth],
      [{ to: usNumber(3) }, { ...auth, "Idempotency-Key": "paused-1" }],
      [{ to: usNumber(4) }, { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" }],
      [{ to: usNumber(5) }, { Authorization: `Bearer ${await signJwt("u", { alg: "RS256" })}` }],
      [{ to: usNumber(6) }, {}],
      [{ nonsense: true }, auth],
    ] as const) {
      const response = await paused.createCall(body, headers);
      const problem = expectProblem(response, 503);
      expect(problem.code).toBe("calls_paused");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(paused.logLines().slice(-1)[0]?.reason).toBe("calls_paused");
    }
    expect(paused.twilio.requests).toEqual([]);
    expect(identityRequests, "no single-use Turnstile token is spent, no key set fetched").toEqual(
      [],
    );
  });

  it("gives the 503 its CORS headers, so that a page can read it", async () => {
    const response = await paused.createCall({ to: usNumber(7) }, { ...auth, Origin: APP_ORIGIN });
    expect(response.status).toBe(503);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
  });

  it("keeps GET /v1/calls/{sid} and Twilio's status callbacks working", async () => {
    const before = await paused.fetch(`/v1/calls/${sid}`, { headers: auth });
    expect(before.status).toBe(200);
    expect(before.json()).toMatchObject({ sid, status: "queued" });
    const callback = await sendCallback(paused, callbackUrl, sid, "in-progress");
    expect(callback.status).toBe(204);
    const after = await paused.fetch(`/v1/calls/${sid}`, { headers: auth });
    expect(after.status).toBe(200);
    expect(after.json()).toMatchObject({ sid, status: "in-progress" });
  });

  it.each(["false", undefined])("places calls again when CALLS_PAUSED is %s", async (value) => {
    const running = await startProxy({ env: { CALLS_PAUSED: value } });
    try {
      expect((await running.createCall({ to: usNumber(8) })).status).toBe(201);
    } finally {
      await running.close();
    }
  });

  it("refuses a CALLS_PAUSED that is neither true nor false", async () => {
    const broken = await startProxy({ env: { CALLS_PAUSED: "yes" } });
    try {
      expect((await broken.createCall({ to: usNumber(9) })).status).toBe(500);
      expect(broken.logLines().slice(-1)[0]).toMatchObject({
        reason: "config_invalid",
        setting: "CALLS_PAUSED",
      });
    } finally {
      await broken.close();
    }
  });
});
