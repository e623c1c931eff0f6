import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTwilioEmulator, type TwilioEmulator } from "../emulator/index.js";
import { latestCallbackUrl } from "./callbacks.js";
import { ACCOUNT_SID, API_KEY, BASE_ENV, PUBLIC_URL, SECRETS, TWILIO_HOST } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

// The proxy in workerd against the local Twilio emulator in-process: Twilio's REST answers, its
// hang-up rules and its signed callbacks (with their idempotency tokens) are the emulator's own.

scanForSecrets();

const RINGS_UNTIL_HUNG_UP = "+14155550105";
const STAYS_ANSWERED = "+14155550106";

let proxy: TestProxy;
let emulator: TwilioEmulator;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "100" } });
  emulator = createTwilioEmulator({
    accountSid: ACCOUNT_SID,
    authToken: SECRETS.TWILIO_AUTH_TOKEN,
    apiKey: BASE_ENV.TWILIO_API_KEY,
    apiSecret: SECRETS.TWILIO_API_SECRET,
    stepMs: "manual",
    sendCallback: (url, init) => proxy.mf.dispatchFetch(url, init as never) as never,
  });
  proxy.twilio.respond((request) =>
    emulator.fetch(
      new Request(`https://${TWILIO_HOST}${request.path}`, {
        method: request.method,
        headers: { Authorization: request.headers.authorization ?? "" },
        ...(request.method === "POST" ? { body: request.form } : {}),
      }),
    ),
  );
});
afterAll(async () => {
  emulator.close();
  await proxy.close();
});

const auth = { Authorization: `Bearer ${API_KEY}` };

/** Places a call and lets the emulator move it until it reaches `status` (its callbacks sent). */
const callUntil = async (to: string, status: string) => {
  const created = await proxy.createCall({ to });
  expect(created.status).toBe(201);
  const sid = String(created.json().sid);
  const current = () => emulator.calls.find((call) => call.sid === sid)?.status;
  for (let steps = 0; current() !== status && steps < 5; steps++) await emulator.advance();
  await emulator.settled();
  expect(current()).toBe(status);
  return sid;
};

const statusOf = async (sid: string) =>
  (await proxy.fetch(`/v1/calls/${sid}`, { headers: auth })).json().status;

const updates = (sid: string) =>
  emulator.requests.filter(
    (request) => request.method === "POST" && request.path.endsWith(`/${sid}.json`),
  );

describe("a call's life against the Twilio emulator", () => {
  it("sends callbacks to the caller's URL, signed over it, which the proxy records", async () => {
    const sid = await callUntil(RINGS_UNTIL_HUNG_UP, "ringing");
    expect(latestCallbackUrl(proxy)).toMatch(`${PUBLIC_URL}/v1/twilio/status?caller=`);
    expect(
      emulator.callbacks.filter((callback) => callback.callSid === sid).length,
    ).toBeGreaterThan(0);
    expect(await statusOf(sid)).toBe("ringing");
    await proxy.fetch(`/v1/calls/${sid}/hangup`, { method: "POST", headers: auth });
  });

  it("cancels a ringing call: the emulator ends it canceled, and its final callback changes nothing more", async () => {
    const sid = await callUntil(RINGS_UNTIL_HUNG_UP, "ringing");
    // Answered once the caller's object has opened the stream: it then sees every later change.
    const events = await proxy.mf.dispatchFetch(`${PUBLIC_URL}/v1/calls/${sid}/events`, {
      headers: auth,
    });
    const hungUp = await proxy.fetch(`/v1/calls/${sid}/hangup`, { method: "POST", headers: auth });
    expect(hungUp.status).toBe(200);
    expect(hungUp.json().status).toBe("canceled");
    await emulator.settled();
    expect(updates(sid).map((request) => request.form.get("Status"))).toEqual(["canceled"]);
    expect(emulator.calls.find((call) => call.sid === sid)?.status).toBe("canceled");
    const text = await events.text();
    expect([...text.matchAll(/"status":"([a-z-]+)"/g)].map((match) => match[1])).toEqual([
      "ringing",
      "canceled",
    ]);
    expect(await statusOf(sid)).toBe("canceled");
  });

  it("completes an answered call, once, however often it is hung up", async () => {
    const sid = await callUntil(STAYS_ANSWERED, "in-progress");
    expect(await statusOf(sid)).toBe("in-progress");
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        proxy.fetch(`/v1/calls/${sid}/hangup`, { method: "POST", headers: auth }),
      ),
    );
    expect(answers.map((answer) => answer.json().status)).toEqual(Array(5).fill("completed"));
    await emulator.settled();
    expect(updates(sid).map((request) => request.form.get("Status"))).toEqual(["completed"]);
  });

  it("drops a callback Twilio delivers twice (same I-Twilio-Idempotency-Token)", async () => {
    const sid = await callUntil(STAYS_ANSWERED, "in-progress");
    const [first] = emulator.callbacks.filter((callback) => callback.callSid === sid);
    if (!first) throw new Error("the emulator sent no callback");
    const again = await emulator.redeliver(first);
    expect(again.status).toBe(204);
    const reasons = () =>
      proxy
        .logLines()
        .filter((line) => line.sid === sid && line.path === "/v1/twilio/status")
        .map((line) => line.reason);
    // The log line reaches Node after the answer does: wait for it, then look.
    for (let n = 0; n < 500 && reasons().length <= first.attempts; n++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(reasons().filter((reason) => reason === "status_duplicate")).toHaveLength(1);
    await proxy.fetch(`/v1/calls/${sid}/hangup`, { method: "POST", headers: auth });
  });
});
