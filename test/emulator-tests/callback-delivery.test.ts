import { describe, expect, it } from "vitest";
import { validateWebhookSignature } from "../../src/webhooks/index.js";
import { createTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT, createRequest, emulatorWithReceiver, TOKEN, VALID } from "./helpers.js";

const HOOK = "https://app.example.com/twilio/status";
const ALL = ["initiated", "ringing", "answered", "completed"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("emulator callback delivery: idempotency tokens and retries", () => {
  it("sends a distinct I-Twilio-Idempotency-Token with every webhook", async () => {
    const { emulator, received } = emulatorWithReceiver();
    await emulator.fetch(
      createRequest({ ...VALID, StatusCallback: HOOK, StatusCallbackEvent: ALL }),
    );
    await emulator.settled();
    const tokens = received.map((r) => r.headers.get("i-twilio-idempotency-token"));
    expect(tokens).toHaveLength(4);
    for (const token of tokens) expect(token).toMatch(UUID);
    expect(new Set(tokens).size).toBe(4);
    expect(emulator.callbacks.map((c) => c.idempotencyToken)).toEqual(tokens);
    expect(emulator.callbacks.map((c) => c.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("retries a webhook whose connection failed once, with the same token and signature", async () => {
    const attempts: { token: string | null; signature: string | null; body: string }[] = [];
    const emulator = createTwilioEmulator({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      sendCallback: async (_url, init) => {
        const headers = new Headers(init.headers);
        attempts.push({
          token: headers.get("i-twilio-idempotency-token"),
          signature: headers.get("x-twilio-signature"),
          body: String(init.body),
        });
        if (attempts.length === 1) throw new TypeError("fetch failed");
        return new Response(null, { status: 200 });
      },
    });
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(emulator.callbacks).toHaveLength(1);
    expect(emulator.callbacks[0]).toMatchObject({ attempts: 2, status: 200 });
    expect(emulator.callbacks[0]?.error).toBeUndefined();
  });

  it("does not retry a webhook that got an HTTP answer, even an error", async () => {
    const { emulator, received } = emulatorWithReceiver({}, 503);
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    expect(received).toHaveLength(1);
    expect(emulator.callbacks[0]).toMatchObject({ attempts: 1, status: 503 });
  });

  it("gives up after one retry when the receiver stays unreachable", async () => {
    let tries = 0;
    const emulator = createTwilioEmulator({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      sendCallback: () => {
        tries++;
        return Promise.reject(new TypeError("connect ECONNREFUSED 127.0.0.1:9"));
      },
    });
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    expect(tries).toBe(2);
    expect(emulator.callbacks[0]).toMatchObject({
      attempts: 2,
      error: "connect ECONNREFUSED 127.0.0.1:9",
    });
  });

  it("redelivers a recorded webhook byte for byte, still validly signed", async () => {
    const { emulator, received } = emulatorWithReceiver();
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    const [first] = emulator.callbacks;
    if (!first) throw new Error("no callback recorded");
    const again = await emulator.redeliver(first);
    expect(received).toHaveLength(2);
    const [one, two] = received;
    expect(two?.body).toBe(one?.body);
    expect(two?.url).toBe(one?.url);
    for (const name of ["x-twilio-signature", "i-twilio-idempotency-token"]) {
      expect(two?.headers.get(name)).toBe(one?.headers.get(name));
    }
    expect(again).toMatchObject({ idempotencyToken: first.idempotencyToken, status: 204 });
    expect(emulator.callbacks).toHaveLength(2);
    const valid = await validateWebhookSignature({
      authToken: TOKEN,
      signature: two?.headers.get("x-twilio-signature"),
      url: two?.url ?? "",
      params: new URLSearchParams(two?.body),
    });
    expect(valid).toBe(true);
  });
});
