import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLBACK_URL, signCallback as sign } from "./callback-signature.js";
import { ACCOUNT_SID, API_KEY, OTHER_API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { callJson, created, newCallSid } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "100" } });
});
afterAll(() => proxy.close());

const callback = (
  sid: string,
  status: string,
  extra: Record<string, string> = {},
  signature?: string | null,
) => {
  const params = {
    AccountSid: ACCOUNT_SID,
    CallSid: sid,
    CallStatus: status,
    Timestamp: new Date().toUTCString(),
    ...extra,
  };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  const value = signature === undefined ? sign(params) : signature;
  if (value !== null) headers["X-Twilio-Signature"] = value;
  return proxy.fetch("/v1/twilio/status", {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
};

const read = (sid: string, key = API_KEY) =>
  proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: `Bearer ${key}` } });

const placeCall = async (n: number) => {
  const response = await proxy.createCall({ to: usNumber(n) });
  expect(response.status).toBe(201);
  return String(response.json().sid);
};

describe("status callbacks and GET /v1/calls/{sid}", () => {
  it("follows a call from queued to completed, ignoring a late ringing", async () => {
    const sid = await placeCall(1);
    const fresh = await read(sid);
    expect(fresh.status).toBe(200);
    expect(fresh.json()).toMatchObject({
      sid,
      status: "queued",
      to: usNumber(1),
      flow: "greeting",
      duration: null,
    });
    for (const [status, extra] of [
      ["initiated", {}],
      ["ringing", {}],
      ["in-progress", { AnsweredBy: "human" }],
      ["completed", { CallDuration: "42" }],
    ] as const) {
      expect((await callback(sid, status, extra)).status).toBe(204);
    }
    expect((await callback(sid, "ringing")).status).toBe(204);
    const done = await read(sid);
    expect(done.json()).toMatchObject({
      sid,
      status: "completed",
      duration: 42,
      answeredBy: "human",
    });
    expect(Object.keys(done.json()).sort()).toEqual([
      "answeredBy",
      "createdAt",
      "duration",
      "flow",
      "from",
      "sid",
      "status",
      "to",
      "updatedAt",
    ]);
  });

  it("keeps a final status when another final status arrives late", async () => {
    const sid = await placeCall(2);
    await callback(sid, "completed", { CallDuration: "7" });
    await callback(sid, "no-answer");
    expect((await read(sid)).json()).toMatchObject({ status: "completed", duration: 7 });
  });

  it("refuses forged, unsigned and foreign-account callbacks with 403, changing nothing", async () => {
    const sid = await placeCall(3);
    const params = { AccountSid: ACCOUNT_SID, CallSid: sid, CallStatus: "completed" };
    expect((await callback(sid, "completed", {}, null)).status).toBe(403);
    expect((await callback(sid, "completed", {}, "bm90IGEgc2lnbmF0dXJl")).status).toBe(403);
    expect((await callback(sid, "completed", {}, sign(params, "another-auth-token"))).status).toBe(
      403,
    );
    const foreign = { AccountSid: `AC${"b".repeat(32)}`, Timestamp: "x" };
    expect((await callback(sid, "completed", foreign)).status).toBe(403);
    const tampered = await proxy.fetch("/v1/twilio/status", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": sign(params),
      },
      body: new URLSearchParams({ ...params, CallDuration: "999" }).toString(),
    });
    expect(tampered.status).toBe(403);
    expect((await read(sid)).json().status).toBe("queued");
  });

  it("checks the signature over PUBLIC_URL, never over the URL the callback arrived at", async () => {
    const sid = await placeCall(8);
    const elsewhere = "https://elsewhere.test/v1/twilio/status";
    const params = { AccountSid: ACCOUNT_SID, CallSid: sid, CallStatus: "completed" };
    const post = (url: string, signature: string) =>
      proxy.fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Twilio-Signature": signature,
        },
        body: new URLSearchParams(params).toString(),
      });
    // A genuine signature (the right Auth Token) for another endpoint: replayed at the proxy, and
    // sent to the worker under that other host name, where request.url would match it.
    const forOtherUrl = sign(params, undefined, elsewhere);
    expect((await post(CALLBACK_URL, forOtherUrl)).status).toBe(403);
    expect((await post(elsewhere, forOtherUrl)).status).toBe(403);
    expect((await read(sid)).json().status).toBe("queued");
    expect((await post(elsewhere, sign(params))).status).toBe(204);
    expect((await read(sid)).json().status).toBe("completed");
  });

  it("keeps the owner and the newer status when a callback beats Twilio's 201 to the proxy", async () => {
    let early: number | undefined;
    proxy.twilio.respond(async (request) => {
      const call = callJson(request.form);
      early = (await callback(call.sid, "ringing")).status;
      return Response.json(call, { status: 201 });
    });
    try {
      const sid = await placeCall(9);
      expect(early).toBe(204);
      const view = await read(sid);
      expect(view.status).toBe(200);
      expect(view.json()).toMatchObject({
        sid,
        status: "ringing",
        to: usNumber(9),
        flow: "greeting",
      });
      expect((await read(sid, OTHER_API_KEY)).status).toBe(404);
    } finally {
      proxy.twilio.respond(created);
    }
  });

  it("answers a signed but malformed callback with 400, never a 5xx", async () => {
    expect((await callback("CA123", "completed")).status).toBe(400);
    expect((await callback(newCallSid(), "exploded")).status).toBe(400);
  });

  it("answers 404 to another caller and for a call the proxy did not create", async () => {
    const sid = await placeCall(4);
    const other = await read(sid, OTHER_API_KEY);
    expect(other.status).toBe(404);
    expect(other.json().code).toBe("call_not_found");
    const stranger = newCallSid();
    await callback(stranger, "ringing");
    expect((await read(stranger)).status).toBe(404);
  });

  it("asks Twilio for the status when no news arrived for a while, and only then", async () => {
    const longAgo = new Date(Date.now() - 120_000).toUTCString().replace("GMT", "+0000");
    proxy.twilio.respond((request) =>
      request.method === "POST"
        ? Response.json({ ...callJson(request.form), date_created: longAgo }, { status: 201 })
        : Response.json({
            ...callJson(new URLSearchParams()),
            sid: request.path.split("/").pop()?.replace(".json", ""),
            status: "in-progress",
          }),
    );
    try {
      const sid = await placeCall(6);
      const first = await read(sid);
      expect(first.json()).toMatchObject({ sid, status: "in-progress" });
      const lookups = () => proxy.twilio.requests.filter((request) => request.method === "GET");
      expect(lookups()).toHaveLength(1);
      expect(lookups()[0]?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`);
      expect((await read(sid)).json().status).toBe("in-progress");
      expect(lookups(), "a fresh status is not looked up again").toHaveLength(1);
      proxy.twilio.respond(created);
      const fresh = await proxy.createCall({ to: usNumber(7) });
      expect((await read(String(fresh.json().sid))).json().status).toBe("queued");
      expect(lookups()).toHaveLength(1);
    } finally {
      proxy.twilio.respond(created);
    }
  });

  it("needs credentials to read a call", async () => {
    const sid = await placeCall(5);
    expect((await proxy.fetch(`/v1/calls/${sid}`)).status).toBe(401);
  });
});
