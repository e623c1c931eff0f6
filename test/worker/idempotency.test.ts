import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, asCaller, OTHER_API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { callJson, created, twilioError } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
afterEach(() => proxy.close());

const withKey = (key: string, apiKey = API_KEY) => asCaller(apiKey, key);

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and body, without a second Twilio request", async () => {
    proxy = await startProxy();
    const first = await proxy.createCall({ to: usNumber(1) }, withKey("order-1"));
    const second = await proxy.createCall({ to: usNumber(1) }, withKey("order-1"));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers.get("idempotency-replayed")).toBe("true");
    expect(proxy.twilio.creates()).toHaveLength(1);
  });

  it("sends one Twilio request for 30 concurrent duplicates, and all get the same sid", async () => {
    proxy = await startProxy();
    proxy.twilio.respond(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return Response.json(callJson(request.form), { status: 201 });
    });
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => proxy.createCall({ to: usNumber(2) }, withKey("burst"))),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
    expect(new Set(responses.map((response) => response.json().sid)).size).toBe(1);
    expect(proxy.twilio.creates()).toHaveLength(1);
  });

  it("refuses the same key with another body with 422", async () => {
    proxy = await startProxy();
    expect((await proxy.createCall({ to: usNumber(1) }, withKey("k"))).status).toBe(201);
    for (const body of [
      { to: usNumber(2) },
      { to: usNumber(1), flow: "survey" },
      { to: usNumber(1), from: "+14155550101" },
    ]) {
      const response = await proxy.createCall(body, withKey("k"));
      expect(response.status).toBe(422);
      expect(response.json().code).toBe("idempotency_key_reused");
    }
    expect(proxy.twilio.creates()).toHaveLength(1);
  });

  it("does not count replays against the caller's quota", async () => {
    proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "2" } });
    for (let i = 0; i < 5; i++)
      expect((await proxy.createCall({ to: usNumber(1) }, withKey("same"))).status).toBe(201);
    expect((await proxy.createCall({ to: usNumber(2) })).status).toBe(201);
    expect((await proxy.createCall({ to: usNumber(3) })).status).toBe(429);
  });

  it("keeps keys per caller: another caller's identical key is its own call", async () => {
    proxy = await startProxy();
    const mine = await proxy.createCall({ to: usNumber(1) }, withKey("shared"));
    const theirs = await proxy.createCall({ to: usNumber(1) }, withKey("shared", OTHER_API_KEY));
    expect(theirs.status).toBe(201);
    expect(theirs.json().sid).not.toBe(mine.json().sid);
    expect(proxy.twilio.creates()).toHaveLength(2);
  });

  it("lets a key be retried after Twilio refused (no call exists), but replays an unknown outcome", async () => {
    proxy = await startProxy();
    proxy.twilio.respond(() => twilioError(400, 21210, "Caller ID not verified"));
    expect((await proxy.createCall({ to: usNumber(1) }, withKey("refused"))).status).toBe(422);
    proxy.twilio.respond(created);
    expect((await proxy.createCall({ to: usNumber(1) }, withKey("refused"))).status).toBe(201);
    proxy.twilio.respond(() => new Response("oops", { status: 500 }));
    expect((await proxy.createCall({ to: usNumber(2) }, withKey("unknown"))).status).toBe(502);
    proxy.twilio.respond(created);
    const replay = await proxy.createCall({ to: usNumber(2) }, withKey("unknown"));
    expect(replay.status).toBe(502);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
    expect(proxy.twilio.creates()).toHaveLength(3);
  });

  it("refuses a malformed key with 400", async () => {
    proxy = await startProxy();
    for (const key of ["x".repeat(256), "has space", "ünïcode"]) {
      const response = await proxy.fetch("/v1/calls", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${API_KEY}`,
          "Idempotency-Key": key,
        },
        body: JSON.stringify({ to: usNumber(1) }),
      });
      expect([key, response.status]).toEqual([key, 400]);
      expect(response.json().code).toBe("idempotency_key_invalid");
    }
    expect(proxy.twilio.requests).toEqual([]);
  });
});
