import { afterEach, describe, expect, it, vi } from "vitest";
import { createTwilioEmulator } from "../emulator/index.js";
import {
  ACCOUNT,
  basic,
  createRequest,
  emulatorWithReceiver,
  expectedSignature,
  getRequest,
  KEY,
  SECRET,
  TOKEN,
  VALID,
} from "./helpers.js";

const HOOK = "https://app.example.com/twilio/status?tenant=7";
const ALL = ["initiated", "ringing", "answered", "completed"];

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("emulator call progress and status callbacks", () => {
  afterEach(() => vi.useRealTimers());

  it("posts each requested event, signed with the auth token even for API-key requests", async () => {
    const { emulator, received } = emulatorWithReceiver();
    const create = createRequest(
      { ...VALID, StatusCallback: HOOK, StatusCallbackEvent: ALL },
      basic(KEY, SECRET),
    );
    const { sid } = await (await emulator.fetch(create)).json();
    await emulator.settled();
    expect(received.map((r) => form(r.body).CallStatus)).toEqual([
      "initiated",
      "ringing",
      "in-progress",
      "completed",
    ]);
    for (const [index, request] of received.entries()) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe(HOOK);
      expect(request.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
      expect(request.headers.get("x-twilio-signature")).toBe(expectedSignature(HOOK, request.body));
      expect(form(request.body)).toMatchObject({
        AccountSid: ACCOUNT,
        ApiVersion: "2010-04-01",
        CallSid: sid,
        Called: VALID.To,
        Caller: VALID.From,
        Direction: "outbound-api",
        From: VALID.From,
        To: VALID.To,
        SequenceNumber: String(index),
        CallbackSource: "call-progress-events",
      });
    }
    expect(form(received[3]?.body ?? "")).toMatchObject({ CallDuration: "0", Duration: "0" });
    expect(emulator.calls[0]?.status).toBe("completed");
  });

  it("sends only the completed event when StatusCallback comes without events", async () => {
    const { emulator, received } = emulatorWithReceiver();
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    expect(received.map((r) => form(r.body).CallStatus)).toEqual(["completed"]);
    expect(form(received[0]?.body ?? "").SequenceNumber).toBe("0");
  });

  it("sends GET callbacks with the parameters in the signed query", async () => {
    const { emulator, received } = emulatorWithReceiver();
    await emulator.fetch(
      createRequest({
        ...VALID,
        StatusCallback: HOOK,
        StatusCallbackMethod: "GET",
        StatusCallbackEvent: "ringing",
      }),
    );
    await emulator.settled();
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe("GET");
    expect(request?.body).toBe("");
    const url = new URL(request?.url ?? "");
    expect(url.searchParams.get("tenant")).toBe("7");
    expect(url.searchParams.get("CallStatus")).toBe("ringing");
    expect(request?.headers.get("x-twilio-signature")).toBe(
      expectedSignature(request?.url ?? "", ""),
    );
  });

  it("sends no callback for a call run by an ApplicationSid", async () => {
    const { emulator, received } = emulatorWithReceiver();
    const app = { To: VALID.To, From: VALID.From, ApplicationSid: `AP${"b".repeat(32)}` };
    await emulator.fetch(createRequest({ ...app, StatusCallback: HOOK }));
    await emulator.settled();
    expect(received).toEqual([]);
    expect(emulator.calls[0]?.status).toBe("completed");
  });

  it("records a failing callback and carries on", async () => {
    const { emulator } = emulatorWithReceiver({}, 500);
    await emulator.fetch(
      createRequest({ ...VALID, StatusCallback: HOOK, StatusCallbackEvent: ALL }),
    );
    await emulator.settled();
    expect(emulator.callbacks.map((c) => c.status)).toEqual([500, 500, 500, 500]);
    expect(emulator.callbacks[0]?.error).toBe("answered HTTP 500");
    expect(emulator.calls[0]?.status).toBe("completed");

    const unreachable = createTwilioEmulator({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      sendCallback: () => Promise.reject(new TypeError("fetch failed")),
    });
    await unreachable.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await unreachable.settled();
    expect(unreachable.callbacks).toMatchObject([{ event: "completed", error: "fetch failed" }]);
  });

  it.each([
    ["+14155550101", ["initiated", "ringing", "busy"], "busy"],
    ["+14155550102", ["initiated", "ringing", "no-answer"], "no-answer"],
    ["+14155550103", ["initiated", "failed"], "failed"],
  ])(
    "ends a call to %s with the final status, sent as the completed event",
    async (to, seen, end) => {
      const { emulator, received } = emulatorWithReceiver();
      const request = createRequest({
        ...VALID,
        To: to,
        StatusCallback: HOOK,
        StatusCallbackEvent: ALL,
      });
      const { sid } = await (await emulator.fetch(request)).json();
      await emulator.settled();
      expect(received.map((r) => form(r.body).CallStatus)).toEqual(seen);
      expect(emulator.callbacks.at(-1)?.event).toBe("completed");
      const call = await (await emulator.fetch(getRequest(sid))).json();
      expect(call).toMatchObject({ status: end, start_time: null, end_time: null, duration: null });
    },
  );

  it("reports a machine for +14155550104 when machine detection is on, a human otherwise", async () => {
    const { emulator, received } = emulatorWithReceiver();
    const amd = { ...VALID, MachineDetection: "Enable", StatusCallback: HOOK };
    await emulator.fetch(createRequest({ ...amd, To: "+14155550104" }));
    await emulator.fetch(createRequest(amd));
    await emulator.fetch(createRequest({ ...VALID, StatusCallback: HOOK }));
    await emulator.settled();
    expect(emulator.calls.map((c) => c.answered_by)).toEqual(["machine_start", "human", null]);
    // Three calls' callbacks race each other: match them to their calls by CallSid.
    const answeredBy = new Map(
      received.map((r) => [form(r.body).CallSid, form(r.body).AnsweredBy]),
    );
    expect(emulator.calls.map((c) => answeredBy.get(c.sid))).toEqual([
      "machine_start",
      "human",
      undefined,
    ]);
  });

  it.each([
    ["+14155550109", 400, 21215],
    ["+14155550129", 429, 20429],
  ])("refuses a call to %s at create time", async (to, status, code) => {
    const { emulator } = emulatorWithReceiver();
    const response = await emulator.fetch(createRequest({ ...VALID, To: to }));
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, status });
    expect(emulator.calls).toEqual([]);
  });

  it("takes one step per stepMs and stops on close", async () => {
    vi.useFakeTimers();
    const { emulator, received } = emulatorWithReceiver({ stepMs: 1000 });
    await emulator.fetch(
      createRequest({ ...VALID, StatusCallback: HOOK, StatusCallbackEvent: ALL }),
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(emulator.calls[0]?.status).toBe("queued");
    await vi.advanceTimersByTimeAsync(1);
    expect(emulator.calls[0]?.status).toBe("ringing");
    emulator.close();
    await vi.advanceTimersByTimeAsync(5000);
    await emulator.settled();
    expect(emulator.calls[0]?.status).toBe("ringing");
    expect(received.map((r) => form(r.body).CallStatus)).toEqual(["initiated", "ringing"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
