import { afterEach, describe, expect, it, vi } from "vitest";
import { validateWebhookSignature } from "../../src/webhooks/index.js";
import {
  createRequest,
  emulatorWithReceiver,
  getRequest,
  type Received,
  TOKEN,
  updateRequest,
  VALID,
} from "./helpers.js";

const HOOK = "https://app.example.com/twilio/status";
const ALL = ["initiated", "ringing", "answered", "completed"];
const RINGS = "+14155550105";
const STAYS = "+14155550106";
const NOT_IN_PROGRESS = "Call is not in-progress. Cannot redirect.";

const form = (received: Received | undefined) =>
  Object.fromEntries(new URLSearchParams(received?.body));

/** A manual-step emulator with a clock the test moves, and a call created on it. */
const manualCall = async (create: Record<string, string | string[]> = {}) => {
  let clock = Date.UTC(2024, 4, 6, 7, 8, 9);
  const setup = emulatorWithReceiver({ stepMs: "manual", now: () => clock });
  const request = createRequest({
    ...VALID,
    StatusCallback: HOOK,
    StatusCallbackEvent: ALL,
    ...create,
  });
  const { sid } = await (await setup.emulator.fetch(request)).json();
  const steps = async (count: number) => {
    for (let i = 0; i < count; i++) await setup.emulator.advance();
  };
  const tick = (ms: number) => {
    clock += ms;
  };
  const read = async () => (await setup.emulator.fetch(getRequest(sid))).json();
  const update = (params: Record<string, string>) =>
    setup.emulator.fetch(updateRequest(sid, params));
  return { ...setup, sid, steps, tick, read, update };
};

/** Whether a received callback carries a signature the core's validator accepts. */
const signedByTwilio = (received: Received | undefined) =>
  validateWebhookSignature({
    authToken: TOKEN,
    signature: received?.headers.get("x-twilio-signature"),
    url: received?.url ?? "",
    params: new URLSearchParams(received?.body),
  });

describe("emulator: cancel and hang up (UpdateCall Status)", () => {
  afterEach(() => vi.useRealTimers());

  it("cancels a ringing call: final canceled, the signed completed callback, progress stops", async () => {
    const call = await manualCall();
    await call.steps(2);
    expect((await call.read()).status).toBe("ringing");
    call.tick(3000);
    const response = await call.update({ Status: "canceled" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      sid: call.sid,
      status: "canceled",
      start_time: null,
      end_time: null,
      duration: null,
      date_updated: "Mon, 06 May 2024 07:08:12 +0000",
    });
    await call.emulator.settled();
    expect(call.received.map((r) => form(r).CallStatus)).toEqual([
      "initiated",
      "ringing",
      "canceled",
    ]);
    const last = call.received.at(-1);
    expect(form(last)).toMatchObject({
      CallSid: call.sid,
      CallStatus: "canceled",
      CallDuration: "0",
      SequenceNumber: "2",
      Timestamp: "Mon, 06 May 2024 07:08:12 +0000",
    });
    expect(await signedByTwilio(last)).toBe(true);
    expect(call.emulator.callbacks.at(-1)?.event).toBe("completed");

    await call.steps(3);
    expect((await call.read()).status).toBe("canceled");
    expect(call.received).toHaveLength(3);
  });

  it("cancels a call still queued, before it ever rang", async () => {
    const call = await manualCall();
    expect((await (await call.update({ Status: "canceled" })).json()).status).toBe("canceled");
    await call.steps(4);
    expect(call.received.map((r) => form(r).CallStatus)).toEqual(["canceled"]);
    expect(form(call.received[0]).SequenceNumber).toBe("0");
  });

  it("ends a ringing call asked to complete as canceled: it was never answered", async () => {
    const call = await manualCall();
    await call.steps(2);
    const body = await (await call.update({ Status: "completed" })).json();
    expect(body).toMatchObject({ status: "canceled", duration: null, end_time: null });
    await call.emulator.settled();
    expect(form(call.received.at(-1)).CallStatus).toBe("canceled");
  });

  it("hangs up an answered call: completed with end_time, duration and CallDuration", async () => {
    const call = await manualCall({ To: STAYS });
    await call.steps(3);
    expect((await call.read()).status).toBe("in-progress");
    call.tick(42_000);
    await call.steps(5);
    expect((await call.read()).status).toBe("in-progress");
    const body = await (await call.update({ Status: "completed" })).json();
    expect(body).toMatchObject({
      status: "completed",
      start_time: "Mon, 06 May 2024 07:08:09 +0000",
      end_time: "Mon, 06 May 2024 07:08:51 +0000",
      duration: "42",
    });
    await call.emulator.settled();
    const last = call.received.at(-1);
    expect(form(last)).toMatchObject({
      CallStatus: "completed",
      CallDuration: "42",
      Duration: "1",
      SequenceNumber: "3",
    });
    expect(await signedByTwilio(last)).toBe(true);
  });

  it("refuses to cancel an answered call with 21220 and leaves it connected", async () => {
    const call = await manualCall({ To: STAYS });
    await call.steps(3);
    const response = await call.update({ Status: "canceled" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({
      code: 21220,
      status: 400,
      more_info: "https://www.twilio.com/docs/errors/21220",
    });
    expect(body.message).toContain("Status=completed");
    expect((await call.read()).status).toBe("in-progress");
    await call.emulator.settled();
    expect(call.received).toHaveLength(3);
  });

  it.each([
    ["hang up", { Status: "completed" }],
    ["cancel", { Status: "canceled" }],
    ["redirect", { Url: "https://example.com/next" }],
    ["set a callback", { StatusCallback: "https://example.com/other" }],
  ])("refuses to %s a call that already ended (21220)", async (_, params) => {
    const call = await manualCall();
    await call.steps(4);
    const before = await call.read();
    expect(before.status).toBe("completed");
    const response = await call.update(params);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 21220,
      message: NOT_IN_PROGRESS,
      more_info: "https://www.twilio.com/docs/errors/21220",
      status: 400,
    });
    expect(await call.read()).toEqual(before);
    await call.emulator.settled();
    expect(call.received).toHaveLength(4);
  });

  it("refuses a hang-up of a busy call too: every final status is final", async () => {
    const call = await manualCall({ To: "+14155550101" });
    await call.steps(3);
    expect((await call.read()).status).toBe("busy");
    expect((await (await call.update({ Status: "completed" })).json()).code).toBe(21220);
  });

  it("answers 404 for an update of an unknown call", async () => {
    const { emulator } = emulatorWithReceiver();
    const response = await emulator.fetch(
      updateRequest(`CA${"f".repeat(32)}`, { Status: "canceled" }),
    );
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe(20404);
  });
});

describe("emulator: redirect and other updates", () => {
  it("redirects an answered call: it stays in progress, date_updated moves, no callback", async () => {
    const call = await manualCall({ To: STAYS });
    await call.steps(3);
    call.tick(5000);
    const response = await call.update({ Url: "https://example.com/hold", Method: "GET" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "in-progress",
      date_updated: "Mon, 06 May 2024 07:08:14 +0000",
    });
    await call.emulator.settled();
    expect(call.received).toHaveLength(3);
    const twiml = await call.update({ Twiml: "<Response><Hangup/></Response>" });
    expect((await twiml.json()).status).toBe("in-progress");
  });

  it("sends the final callback to a StatusCallback given with the hang-up", async () => {
    const call = await manualCall({ To: STAYS });
    await call.steps(3);
    const other = "https://other.example.com/done?x=1";
    await call.update({ Status: "completed", StatusCallback: other, StatusCallbackMethod: "GET" });
    await call.emulator.settled();
    const last = call.received.at(-1);
    expect(last?.method).toBe("GET");
    expect(new URL(last?.url ?? "").searchParams.get("CallStatus")).toBe("completed");
    expect(
      await validateWebhookSignature({
        authToken: TOKEN,
        signature: last?.headers.get("x-twilio-signature"),
        url: last?.url ?? "",
      }),
    ).toBe(true);
  });

  it.each([
    ["Status not canceled or completed", { Status: "busy" }, 20001, "Status"],
    ["Url relative", { Url: "/next" }, 21205, "Url"],
    ["FallbackUrl not http", { FallbackUrl: "ftp://example.com/x" }, 21205, "FallbackUrl"],
    ["StatusCallback host with _", { StatusCallback: "https://a_b.com/" }, 21205, "StatusCallback"],
    ["Method PUT", { Method: "PUT" }, 21209, "Method"],
    ["StatusCallbackMethod get", { StatusCallbackMethod: "get" }, 21209, "StatusCallbackMethod"],
    ["Twiml over 4000 characters", { Twiml: "x".repeat(4001) }, 20001, "Twiml"],
    ["TimeLimit 0", { TimeLimit: "0" }, 20001, "TimeLimit"],
    ["TimeLimit not an integer", { TimeLimit: "1.5" }, 20001, "TimeLimit"],
  ])("refuses an update with %s, changing nothing", async (_, params, code, name) => {
    const call = await manualCall({ To: STAYS });
    await call.steps(3);
    const before = await call.read();
    const response = await call.update({
      ...params,
      ...(code === 20001 ? {} : { Status: "completed" }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code, status: 400 });
    expect(body.message).toContain(name);
    expect(await call.read()).toEqual(before);
  });
});

describe("emulator: the hang-up destinations on a timed schedule", () => {
  afterEach(() => vi.useRealTimers());

  it("+14155550105 rings until hung up; the hang-up stops its timers", async () => {
    vi.useFakeTimers();
    const { emulator, received } = emulatorWithReceiver({ stepMs: 1000 });
    const request = createRequest({
      ...VALID,
      To: RINGS,
      StatusCallback: HOOK,
      StatusCallbackEvent: ALL,
    });
    const { sid } = await (await emulator.fetch(request)).json();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(emulator.calls[0]?.status).toBe("ringing");
    expect(vi.getTimerCount()).toBe(0);
    await emulator.fetch(updateRequest(sid, { Status: "canceled" }));
    await emulator.settled();
    expect(received.map((r) => form(r).CallStatus)).toEqual(["initiated", "ringing", "canceled"]);
  });

  it("+14155550105 with a Timeout ends no-answer when it runs out", async () => {
    vi.useFakeTimers();
    const { emulator } = emulatorWithReceiver({ stepMs: 1000 });
    await emulator.fetch(createRequest({ ...VALID, To: RINGS, Timeout: "20" }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(emulator.calls[0]?.status).toBe("ringing");
    await vi.advanceTimersByTimeAsync(19_999);
    expect(emulator.calls[0]?.status).toBe("ringing");
    await vi.advanceTimersByTimeAsync(1);
    expect(emulator.calls[0]).toMatchObject({ status: "no-answer", duration: null });
  });

  it("+14155550106 stays connected until its TimeLimit, then completes with that duration", async () => {
    vi.useFakeTimers();
    const { emulator, received } = emulatorWithReceiver({ stepMs: 1000 });
    await emulator.fetch(
      createRequest({ ...VALID, To: STAYS, TimeLimit: "90", StatusCallback: HOOK }),
    );
    await vi.advanceTimersByTimeAsync(3000 + 89_999);
    expect(emulator.calls[0]?.status).toBe("in-progress");
    await vi.advanceTimersByTimeAsync(1);
    expect(emulator.calls[0]).toMatchObject({ status: "completed", duration: "90" });
    await emulator.settled();
    expect(form(received[0])).toMatchObject({ CallStatus: "completed", CallDuration: "90" });
  });

  it("+14155550106 takes a TimeLimit given by an update, counted from the answer", async () => {
    vi.useFakeTimers();
    const { emulator } = emulatorWithReceiver({ stepMs: 1000 });
    const { sid } = await (await emulator.fetch(createRequest({ ...VALID, To: STAYS }))).json();
    await vi.advanceTimersByTimeAsync(3000 + 60_000);
    expect(emulator.calls[0]?.status).toBe("in-progress");
    expect(vi.getTimerCount()).toBe(0);
    await emulator.fetch(updateRequest(sid, { TimeLimit: "100" }));
    await vi.advanceTimersByTimeAsync(39_999);
    expect(emulator.calls[0]?.status).toBe("in-progress");
    await vi.advanceTimersByTimeAsync(1);
    expect(emulator.calls[0]).toMatchObject({ status: "completed", duration: "100" });
  });

  it("a hang-up during a timed wait stops the scheduled steps", async () => {
    vi.useFakeTimers();
    const { emulator, received } = emulatorWithReceiver({ stepMs: 1000 });
    const request = createRequest({ ...VALID, StatusCallback: HOOK, StatusCallbackEvent: ALL });
    const { sid } = await (await emulator.fetch(request)).json();
    await vi.advanceTimersByTimeAsync(2500);
    expect(emulator.calls[0]?.status).toBe("ringing");
    expect(vi.getTimerCount()).toBe(1);
    await emulator.fetch(updateRequest(sid, { Status: "completed" }));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    await emulator.settled();
    expect(emulator.calls[0]?.status).toBe("canceled");
    expect(received.map((r) => form(r).CallStatus)).toEqual(["initiated", "ringing", "canceled"]);
  });
});
