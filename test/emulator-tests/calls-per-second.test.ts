import { afterEach, describe, expect, it, vi } from "vitest";
import { createTwilioEmulator } from "../emulator/index.js";
import {
  ACCOUNT,
  createRequest,
  emulatorWithReceiver,
  TOKEN,
  updateRequest,
  VALID,
} from "./helpers.js";

const HOOK = "https://app.example.com/twilio/status";
const T0 = Date.UTC(2024, 6, 1, 10, 0, 0);

const to = (index: number) => `+1415555${String(1000 + index).padStart(4, "0")}`;

describe("emulator calls-per-second pacing", () => {
  afterEach(() => vi.useRealTimers());

  it("is unlimited by default: every call leaves the queue at once, queue_time 0", async () => {
    const { emulator } = emulatorWithReceiver();
    for (let i = 0; i < 20; i++) await emulator.fetch(createRequest({ ...VALID, To: to(i) }));
    await emulator.settled();
    expect(emulator.calls.map((call) => call.status)).toEqual(Array(20).fill("completed"));
    expect(new Set(emulator.calls.map((call) => call.queue_time))).toEqual(new Set(["0"]));
  });

  it("dials at most the rate per second on a timed schedule; the queue wait shows in queue_time", async () => {
    vi.useFakeTimers();
    const { emulator } = emulatorWithReceiver({ stepMs: 0, callsPerSecond: 5 });
    for (let i = 0; i < 20; i++) {
      const response = await emulator.fetch(createRequest({ ...VALID, To: to(i) }));
      expect(response.status).toBe(201);
      expect((await response.json()).status).toBe("queued");
    }
    const left = () => emulator.calls.filter((call) => call.status !== "queued").length;
    await vi.advanceTimersByTimeAsync(999);
    expect(left()).toBe(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(left()).toBe(6);
    await vi.advanceTimersByTimeAsync(2799);
    expect(left()).toBe(19);
    await vi.advanceTimersByTimeAsync(1);
    await emulator.settled();
    expect(emulator.calls.every((call) => call.status === "completed")).toBe(true);
    const waits = emulator.calls.map((call) => Number(call.queue_time));
    expect(waits).toEqual(Array.from({ length: 20 }, (_, i) => i * 200));
    for (const wait of waits) {
      expect(
        waits.filter((other) => other >= wait && other < wait + 1000).length,
      ).toBeLessThanOrEqual(5);
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it("with manual steps, lets a call leave the queue on the first advance at or after its slot", async () => {
    let clock = T0;
    const { emulator, received } = emulatorWithReceiver({
      stepMs: "manual",
      now: () => clock,
      callsPerSecond: 2,
    });
    const sids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const request = createRequest({
        ...VALID,
        To: to(i),
        StatusCallback: HOOK,
        StatusCallbackEvent: "initiated",
      });
      sids.push((await (await emulator.fetch(request)).json()).sid);
    }
    const initiated = () => received.map((r) => new URLSearchParams(r.body).get("CallSid"));
    await emulator.advance();
    expect(initiated()).toEqual([sids[0]]);
    clock += 499;
    await emulator.advance();
    expect(initiated()).toEqual([sids[0]]);
    clock += 1;
    await emulator.advance();
    expect(initiated()).toEqual([sids[0], sids[1]]);
    clock += 1000;
    await emulator.advance();
    // Two calls left the queue in this advance: their callbacks may arrive in either order.
    expect(initiated().slice(0, 2)).toEqual(sids.slice(0, 2));
    expect([...initiated()].sort()).toEqual([...sids].sort());
    expect(emulator.calls.map((call) => call.queue_time)).toEqual(["0", "500", "1500", "1500"]);
  });

  it("takes a queued call out of the queue when it is canceled before its slot", async () => {
    vi.useFakeTimers();
    const { emulator, received } = emulatorWithReceiver({ stepMs: 0, callsPerSecond: 1 });
    const hooks = { StatusCallback: HOOK, StatusCallbackEvent: ["initiated", "completed"] };
    await emulator.fetch(createRequest({ ...VALID, ...hooks }));
    const waiting = await (
      await emulator.fetch(createRequest({ ...VALID, To: to(1), ...hooks }))
    ).json();
    await vi.advanceTimersByTimeAsync(500);
    expect(emulator.calls.map((call) => call.status)).toEqual(["completed", "queued"]);
    expect(vi.getTimerCount()).toBe(1);
    await emulator.fetch(updateRequest(waiting.sid, { Status: "canceled" }));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    await emulator.settled();
    const second = received.filter(
      (r) => new URLSearchParams(r.body).get("CallSid") === waiting.sid,
    );
    expect(second.map((r) => new URLSearchParams(r.body).get("CallStatus"))).toEqual(["canceled"]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses callsPerSecond %s with a clear error",
    (callsPerSecond) => {
      expect(() =>
        createTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN, callsPerSecond }),
      ).toThrow(/callsPerSecond must be a positive number of calls per second/);
    },
  );
});

describe("emulator create log and counts", () => {
  it("counts creates per To, duplicates, per aligned second and in any sliding second", async () => {
    let clock = T0;
    const { emulator } = emulatorWithReceiver({ stepMs: "manual", now: () => clock });
    const createAt = async (time: number, number: string) => {
      clock = time;
      return (await emulator.fetch(createRequest({ ...VALID, To: number }))).status;
    };
    await createAt(T0, to(1));
    await createAt(T0 + 10, to(2));
    await createAt(T0 + 999, to(3));
    await createAt(T0 + 1000, to(1));
    await createAt(T0 + 1500, to(4));
    await createAt(T0 + 1998, to(5));
    expect(await createAt(T0 + 1999, "+14155550129")).toBe(429);
    expect(await createAt(T0 + 1999, "not a number")).toBe(400);

    const counts = emulator.createCounts();
    expect(counts.total).toBe(6);
    expect(counts.perTo).toEqual({ [to(1)]: 2, [to(2)]: 1, [to(3)]: 1, [to(4)]: 1, [to(5)]: 1 });
    expect(counts.duplicates).toEqual({ [to(1)]: 2 });
    expect(counts.perWindow).toEqual([
      { start: T0, count: 3 },
      { start: T0 + 1000, count: 3 },
    ]);
    expect(counts.maxInAnyWindow).toBe(4);
    expect(emulator.createCounts(100).maxInAnyWindow).toBe(2);
    expect(emulator.creates.map((record) => record.status)).toEqual([
      201, 201, 201, 201, 201, 201, 429, 400,
    ]);
    expect(emulator.creates[0]).toEqual({
      sid: emulator.calls[0]?.sid,
      to: to(1),
      at: T0,
      status: 201,
    });
  });

  it("has no duplicates and empty counts before any create, and forgets on reset", async () => {
    const { emulator } = emulatorWithReceiver();
    expect(emulator.createCounts()).toEqual({
      total: 0,
      perTo: {},
      duplicates: {},
      perWindow: [],
      maxInAnyWindow: 0,
    });
    await emulator.fetch(createRequest(VALID));
    expect(emulator.createCounts().total).toBe(1);
    emulator.reset();
    expect(emulator.creates).toEqual([]);
  });
});
