import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { placeCall, sendCallback } from "./callbacks.js";
import { API_KEY, APP_ORIGIN, OTHER_API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { twilioCalls } from "./twilio-calls.js";
import { created, twilioError } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
let twilio: ReturnType<typeof twilioCalls>;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "100" } });
});
afterAll(() => proxy.close());
afterEach(() => proxy.twilio.respond(created));

const hangUp = (sid: string, key = API_KEY, headers: Record<string, string> = {}) =>
  proxy.fetch(`/v1/calls/${sid}/hangup`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, ...headers },
  });

const read = (sid: string) =>
  proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: `Bearer ${API_KEY}` } });

/** Places a call that Twilio (the stateful fake) then moves to `status`, with its callbacks. */
const callIn = async (n: number, statuses: string[]) => {
  twilio = twilioCalls();
  proxy.twilio.respond(twilio.script);
  const { sid, callbackUrl } = await placeCall(proxy, usNumber(n));
  for (const status of statuses) {
    twilio.set(sid, status as never);
    expect((await sendCallback(proxy, callbackUrl, sid, status)).status).toBe(204);
  }
  return { sid, callbackUrl };
};

/** The `Status` of every update request the proxy sent Twilio for `sid`. */
const sent = (sid: string) =>
  proxy.twilio.updates(sid).map((request) => request.form.get("Status"));

describe("POST /v1/calls/{sid}/hangup", () => {
  it("cancels a ringing call: one request with Status=canceled, answered with the call's view", async () => {
    const { sid } = await callIn(1, ["ringing"]);
    const response = await hangUp(sid);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.json()).toMatchObject({ sid, status: "canceled", to: usNumber(1) });
    expect(Object.keys(response.json()).sort()).toEqual(
      Object.keys((await read(sid)).json()).sort(),
    );
    expect(sent(sid)).toEqual(["canceled"]);
    const [request] = proxy.twilio.updates(sid);
    expect(request?.path).toBe(
      `/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls/${sid}.json`,
    );
    expect([...(request?.form.keys() ?? [])]).toEqual(["Status"]);
    expect((await read(sid)).json().status).toBe("canceled");
  });

  it("completes an answered call: one request with Status=completed", async () => {
    const { sid } = await callIn(2, ["ringing", "in-progress"]);
    const response = await hangUp(sid);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ sid, status: "completed" });
    expect(sent(sid)).toEqual(["completed"]);
  });

  it("is idempotent: a second hang-up answers the current status and sends nothing", async () => {
    const { sid } = await callIn(3, ["queued"]);
    expect((await hangUp(sid)).json().status).toBe("canceled");
    const again = await hangUp(sid);
    expect(again.status).toBe(200);
    expect(again.json().status).toBe("canceled");
    expect(sent(sid)).toEqual(["canceled"]);
    expect(proxy.logLines().at(-1)).toMatchObject({ reason: "hangup_not_needed", sid });
  });

  it("makes one Twilio request for 20 concurrent hang-ups, and all 20 see the result", async () => {
    const { sid } = await callIn(4, ["ringing"]);
    const release = twilio.hold();
    const answers = Array.from({ length: 20 }, () => hangUp(sid));
    // Twilio's answer waits until the first request has arrived: the others come in meanwhile.
    while (proxy.twilio.updates(sid).length === 0)
      await new Promise((resolve) => setImmediate(resolve));
    release();
    const responses = await Promise.all(answers);
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(responses.map((response) => response.json().status)).toEqual(Array(20).fill("canceled"));
    expect(sent(sid)).toEqual(["canceled"]);
  });

  it("answers another caller 404 and sends nothing", async () => {
    const { sid } = await callIn(5, ["ringing"]);
    const response = await hangUp(sid, OTHER_API_KEY);
    expect(response.status).toBe(404);
    expect(response.json().code).toBe("call_not_found");
    expect(sent(sid)).toEqual([]);
    expect((await read(sid)).json().status).toBe("ringing");
    const unknown = await hangUp(`CA${"f".repeat(32)}`);
    expect(unknown.status).toBe(404);
  });

  it("sends nothing for a call that has already ended", async () => {
    const { sid } = await callIn(6, ["ringing", "in-progress", "completed"]);
    const response = await hangUp(sid);
    expect(response.status).toBe(200);
    expect(response.json().status).toBe("completed");
    expect(sent(sid)).toEqual([]);
  });

  it("answers the final status when Twilio refuses because the call ended meanwhile (21220)", async () => {
    const { sid } = await callIn(7, ["ringing", "in-progress"]);
    twilio.set(sid, "completed"); // the callee hung up; its callback has not arrived yet
    const response = await hangUp(sid);
    expect(response.status).toBe(200);
    expect(response.json().status).toBe("completed");
    expect(sent(sid)).toEqual(["completed"]);
    const lookups = proxy.twilio.requests.filter((r) => r.method === "GET" && r.path.includes(sid));
    expect(lookups, "the status is re-read once").toHaveLength(1);
    expect(proxy.logLines().at(-1)).toMatchObject({ reason: "hangup_call_ended" });
  });

  it("completes a call answered before its callback said so (Twilio refuses the cancel)", async () => {
    const { sid } = await callIn(8, ["ringing"]);
    twilio.set(sid, "in-progress");
    const response = await hangUp(sid);
    expect(response.status).toBe(200);
    expect(response.json().status).toBe("completed");
    expect(sent(sid)).toEqual(["canceled", "completed"]);
  });

  it("says the outcome is unknown when Twilio fails, retries nothing, and lets a later hang-up try again", async () => {
    const { sid } = await callIn(9, ["ringing"]);
    const working = twilio.script;
    proxy.twilio.respond((request, index) =>
      request.method === "POST" && request.path.endsWith(`/${sid}.json`)
        ? twilioError(500, 20500, "Internal Server Error")
        : working(request, index),
    );
    const failed = await hangUp(sid);
    expect(failed.status).toBe(502);
    expect(failed.headers.get("content-type")).toBe("application/problem+json");
    expect(failed.json().code).toBe("hangup_outcome_unknown");
    expect(failed.text).not.toContain("Internal Server Error");
    expect(sent(sid)).toEqual(["canceled"]);
    proxy.twilio.respond(working);
    expect((await hangUp(sid)).json().status).toBe("canceled");
    expect(sent(sid)).toEqual(["canceled", "canceled"]);
  });

  it("answers 409 with the status when Twilio refuses and the call is still live", async () => {
    const { sid } = await callIn(10, ["ringing", "in-progress"]);
    const working = twilio.script;
    proxy.twilio.respond((request, index) =>
      request.method === "POST" && request.path.endsWith(`/${sid}.json`)
        ? twilioError(400, 21220, "Call is not in-progress. Cannot redirect.")
        : working(request, index),
    );
    const refused = await hangUp(sid);
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: "hangup_refused", twilioCode: 21220 });
    expect(refused.json().detail).toContain("in-progress");
  });

  it("keeps the proxy's auth and CORS rules, and logs the hang-up", async () => {
    const { sid } = await callIn(11, ["ringing"]);
    expect((await proxy.fetch(`/v1/calls/${sid}/hangup`, { method: "POST" })).status).toBe(401);
    const evil = await hangUp(sid, API_KEY, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(sent(sid)).toEqual([]);
    const preflight = await proxy.fetch(`/v1/calls/${sid}/hangup`, {
      method: "OPTIONS",
      headers: { Origin: APP_ORIGIN, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    const allowed = await hangUp(sid, API_KEY, { Origin: APP_ORIGIN });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(proxy.logLines().at(-1)).toMatchObject({
      method: "POST",
      path: `/v1/calls/${sid}/hangup`,
      status: 200,
      reason: "hangup_sent",
      caller: expect.stringMatching(/^key:/),
      sid,
    });
    const get = await proxy.fetch(`/v1/calls/${sid}/hangup`, {
      headers: { Authorization: `Bearer ${API_KEY}` },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("quotas and a hang-up", () => {
  it("gives no quota back: a hung-up call still counts", async () => {
    const limited = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "1" } });
    try {
      const calls = twilioCalls();
      limited.twilio.respond(calls.script);
      const first = await limited.createCall({ to: usNumber(20) });
      expect(first.status).toBe(201);
      const sid = String(first.json().sid);
      const hungUp = await limited.fetch(`/v1/calls/${sid}/hangup`, {
        method: "POST",
        headers: { Authorization: `Bearer ${API_KEY}` },
      });
      expect(hungUp.json().status).toBe("canceled");
      const second = await limited.createCall({ to: usNumber(21) });
      expect(second.status).toBe(429);
      expect(second.json().code).toBe("caller_minute_quota");
    } finally {
      await limited.close();
    }
  });
});
