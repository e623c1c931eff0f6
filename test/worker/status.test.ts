import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLBACK_URL, signCallback } from "./callback-signature.js";
import { placeCall as place, sendCallback } from "./callbacks.js";
import { ACCOUNT_SID, API_KEY, OTHER_API_KEY, PUBLIC_URL, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { callJson, created, newCallSid } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "100" } });
});
afterAll(() => proxy.close());

/** Where each placed call's callbacks go (the URL carries its caller's object id). */
const callbackUrls = new Map<string, string>();

const callback = (
  sid: string,
  status: string,
  extra: Record<string, string> = {},
  signature?: string | null,
) =>
  sendCallback(proxy, callbackUrls.get(sid) ?? anyCallbackUrl(), sid, status, { extra, signature });

const anyCallbackUrl = () => [...callbackUrls.values()][0] ?? CALLBACK_URL;

const read = (sid: string, key = API_KEY) =>
  proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: `Bearer ${key}` } });

const placeCall = async (n: number) => {
  const { sid, callbackUrl } = await place(proxy, usNumber(n));
  callbackUrls.set(sid, callbackUrl);
  return sid;
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
      "sipResponseCode",
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
    const url = callbackUrls.get(sid) ?? "";
    const sign = (params: Record<string, string>, token?: string) =>
      signCallback(params, token, url);
    const params = { AccountSid: ACCOUNT_SID, CallSid: sid, CallStatus: "completed" };
    expect((await callback(sid, "completed", {}, null)).status).toBe(403);
    expect((await callback(sid, "completed", {}, "bm90IGEgc2lnbmF0dXJl")).status).toBe(403);
    expect((await callback(sid, "completed", {}, sign(params, "another-auth-token"))).status).toBe(
      403,
    );
    const foreign = { AccountSid: `AC${"b".repeat(32)}`, Timestamp: "x" };
    expect((await callback(sid, "completed", foreign)).status).toBe(403);
    const tampered = await proxy.fetch(url, {
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
    const signed = callbackUrls.get(sid) ?? "";
    const sign = (params: Record<string, string>, _token?: string, url = signed) =>
      signCallback(params, undefined, url);
    const elsewhere = signed.replace(PUBLIC_URL, "https://elsewhere.test");
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
    expect((await post(signed, forOtherUrl)).status).toBe(403);
    expect((await post(elsewhere, forOtherUrl)).status).toBe(403);
    expect((await read(sid)).json().status).toBe("queued");
    expect((await post(elsewhere, sign(params))).status).toBe(204);
    expect((await read(sid)).json().status).toBe("completed");
  });

  it("keeps the owner and the newer status when a callback beats Twilio's 201 to the proxy", async () => {
    let early: number | undefined;
    proxy.twilio.respond(async (request) => {
      const call = callJson(request.form);
      const url = request.form.get("StatusCallback") ?? "";
      early = (await sendCallback(proxy, url, call.sid, "ringing")).status;
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

  it("names the parameter of a signed callback that does not read as its type, and keeps the call as it was", async () => {
    const sid = await placeCall(31);
    for (const [extra, param] of [
      [{ CallDuration: "forty" }, "CallDuration"],
      [{ Timestamp: "not a date" }, "Timestamp"],
      [{ SipResponseCode: "4o4" }, "SipResponseCode"],
    ] as const) {
      const response = await callback(sid, "completed", extra);
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ code: "callback_invalid" });
      expect(String(response.json().detail)).toContain(param);
    }
    expect((await read(sid)).json()).toMatchObject({ status: "queued", sipResponseCode: null });
  });

  it("shows why a call failed: the SIP response code of its final callback", async () => {
    const sid = await placeCall(32);
    expect((await callback(sid, "failed", { SipResponseCode: "404" })).status).toBe(204);
    expect((await read(sid)).json()).toMatchObject({ status: "failed", sipResponseCode: 404 });
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

  it.each([
    ["fails", () => new Response("upstream down", { status: 500 })],
    ["answers the status the proxy already has", undefined],
  ] as const)(
    "asks Twilio at most once per 30 s for a stale call, whether it %s (50 reads)",
    async (_what, lookupAnswer) => {
      const longAgo = new Date(Date.now() - 120_000).toUTCString().replace("GMT", "+0000");
      proxy.twilio.respond((request) =>
        request.method === "POST"
          ? Response.json({ ...callJson(request.form), date_created: longAgo }, { status: 201 })
          : (lookupAnswer?.() ??
            Response.json({
              ...callJson(new URLSearchParams()),
              sid: request.path.split("/").pop()?.replace(".json", ""),
              status: "queued",
            })),
      );
      try {
        const sid = await placeCall(lookupAnswer ? 11 : 12);
        const lookups = () =>
          proxy.twilio.requests.filter(
            (request) => request.method === "GET" && request.path.includes(sid),
          );
        const reads = await Promise.all(Array.from({ length: 25 }, () => read(sid)));
        for (let n = 0; n < 25; n++) reads.push(await read(sid));
        expect(reads.map((response) => response.status)).toEqual(Array(50).fill(200));
        expect(reads.every((response) => response.json().status === "queued")).toBe(true);
        expect(lookups()).toHaveLength(1);
      } finally {
        proxy.twilio.respond(created);
      }
    },
  );

  it("records a callback once per I-Twilio-Idempotency-Token", async () => {
    const sid = await placeCall(13);
    const url = callbackUrls.get(sid) ?? "";
    expect((await sendCallback(proxy, url, sid, "ringing", { token: "tok-1" })).status).toBe(204);
    // Twilio's retry of a delivery carries its token: the same token again is not recorded twice,
    // whatever the body says.
    expect((await sendCallback(proxy, url, sid, "completed", { token: "tok-1" })).status).toBe(204);
    expect((await read(sid)).json().status).toBe("ringing");
    const reasons = proxy
      .logLines()
      .filter((line) => line.sid === sid && line.path === "/v1/twilio/status")
      .map((line) => line.reason);
    expect(reasons).toEqual(["status_applied", "status_duplicate"]);
    expect((await sendCallback(proxy, url, sid, "completed", { token: "tok-2" })).status).toBe(204);
    expect((await read(sid)).json().status).toBe("completed");
  });

  it("routes by the caller in the signed URL: a signature for one caller's URL is refused at another's", async () => {
    const mine = await placeCall(14);
    const theirs = await place(proxy, usNumber(15), OTHER_API_KEY);
    const mineUrl = callbackUrls.get(mine) ?? "";
    expect(theirs.callbackUrl).not.toBe(mineUrl);
    // A genuine callback for my call (signed over my URL), re-addressed to the other caller's object.
    const replayed = await sendCallback(proxy, mineUrl, mine, "completed", {
      postTo: theirs.callbackUrl,
    });
    expect(replayed.status).toBe(403);
    const forged = `${CALLBACK_URL}?caller=${"0".repeat(64)}`;
    expect((await sendCallback(proxy, mineUrl, mine, "completed", { postTo: forged })).status).toBe(
      403,
    );
    expect((await read(mine)).json().status).toBe("queued");
  });

  it("answers a callback signed for the bare URL (a call placed before records moved) with 204, changing nothing", async () => {
    const sid = await placeCall(16);
    const response = await sendCallback(proxy, CALLBACK_URL, sid, "completed");
    expect(response.status).toBe(204);
    expect(proxy.logLines().at(-1)).toMatchObject({ reason: "status_unroutable", sid });
    expect((await read(sid)).json().status).toBe("queued");
  });

  it("needs credentials to read a call", async () => {
    const sid = await placeCall(5);
    expect((await proxy.fetch(`/v1/calls/${sid}`)).status).toBe(401);
  });
});
