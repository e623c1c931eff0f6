import { describe, expect, it } from "vitest";
import { firstFull, waitSeconds } from "../../worker/policy/windows.js";
import { applyUpdate, type CallRecord, callStatusOf } from "../../worker/twilio/call-status.js";

const record: CallRecord = {
  sid: `CA${"0".repeat(32)}`,
  owner: "key:1",
  to: "+14155552671",
  from: "+14155550100",
  flow: "greeting",
  createdAt: "2026-01-01T00:00:00.000Z",
  status: "queued",
  updatedAt: "2026-01-01T00:00:00.000Z",
  duration: null,
  answeredBy: null,
};

describe("call status ordering", () => {
  it("moves forward through ringing and in-progress to a final status", () => {
    const ringing = applyUpdate(record, { status: "ringing", at: "t1" });
    const answered = applyUpdate(ringing, { status: "in-progress", at: "t2", answeredBy: "human" });
    const done = applyUpdate(answered, { status: "completed", at: "t3", duration: 12 });
    expect(done).toMatchObject({
      status: "completed",
      updatedAt: "t3",
      duration: 12,
      answeredBy: "human",
    });
  });

  it("never moves backwards, and never from one final status to another", () => {
    const done = applyUpdate(record, { status: "busy", at: "t1" });
    for (const status of ["queued", "ringing", "in-progress", "completed", "canceled"] as const) {
      expect(applyUpdate(done, { status, at: "t2" })).toBe(done);
    }
    const answered = applyUpdate(record, { status: "in-progress", at: "t1" });
    expect(applyUpdate(answered, { status: "ringing", at: "t2" })).toBe(answered);
  });

  it("reads Twilio's callback statuses, initiated as queued, and refuses unknown ones", () => {
    expect(callStatusOf("initiated")).toBe("queued");
    expect(callStatusOf("no-answer")).toBe("no-answer");
    expect(callStatusOf("answered")).toBeUndefined();
    expect(callStatusOf("")).toBeUndefined();
  });
});

describe("sliding windows", () => {
  const minute = { limit: 2, ms: 60_000, code: "c", detail: "d" };

  it("has room below the limit", () => {
    expect(waitSeconds(minute, { count: 1, oldest: 0 }, 1_000)).toBe(0);
  });

  it("answers the first full window as a 429 problem with its code and Retry-After", () => {
    const day = { limit: 1, ms: 86_400_000, code: "day", detail: "Too many today." };
    const roomy = { count: 0, oldest: null };
    expect(
      firstFull(
        [
          [minute, { count: 1, oldest: 0 }],
          [day, roomy],
        ],
        1_000,
      ),
    ).toBeUndefined();
    const full = { count: 2, oldest: 10_000 };
    expect(
      firstFull(
        [
          [minute, full],
          [day, { count: 1, oldest: 0 }],
        ],
        40_000,
      ),
    ).toEqual({
      status: 429,
      code: "c",
      title: "Quota exceeded",
      detail: "d",
      retryAfter: 30,
    });
    expect(
      firstFull(
        [
          [day, roomy],
          [minute, full],
        ],
        40_000,
      )?.code,
    ).toBe("c");
  });

  it("waits until the oldest event leaves the window, at least a second", () => {
    expect(waitSeconds(minute, { count: 2, oldest: 10_000 }, 40_000)).toBe(30);
    expect(waitSeconds(minute, { count: 2, oldest: 10_000 }, 69_999)).toBe(1);
    expect(waitSeconds(minute, { count: 2, oldest: 10_000 }, 69_000.5)).toBe(1);
  });
});
