import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  EventStreams,
  formatEvent,
  KEEP_ALIVE_MS,
  type StatusEvent,
} from "../../worker/objects/event-streams.js";
import type { CallView } from "../../worker/twilio/call-status.js";

const SID = `CA${"1".repeat(32)}`;
const view = (status: CallView["status"]): CallView => ({
  sid: SID,
  status,
  to: "+14155552671",
  from: "+14155550100",
  flow: "greeting",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:01.000Z",
  duration: null,
  answeredBy: null,
  sipResponseCode: null,
});
const event = (id: number, status: CallView["status"]): StatusEvent => ({ id, view: view(status) });

const decoder = new TextDecoder();
/** Everything the stream has queued so far, without waiting for more. */
const drain = async (reader: ReadableStreamDefaultReader<Uint8Array>, chunks: number) => {
  let text = "";
  for (let n = 0; n < chunks; n++) {
    const { value, done } = await reader.read();
    if (done) return { text, done };
    text += decoder.decode(value);
  }
  return { text, done: false };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the status streams of a call", () => {
  it("formats an event as Server-Sent Events: id, event, one line of JSON, a blank line", () => {
    expect(decoder.decode(formatEvent(event(3, "ringing")))).toBe(
      `id: 3\nevent: status\ndata: ${JSON.stringify(view("ringing"))}\n\n`,
    );
  });

  it("sends a keep-alive comment every 15 s while open, and ticks the object", async () => {
    const ticks: string[] = [];
    const streams = new EventStreams((sid) => ticks.push(sid));
    const reader = streams.subscribe(SID, event(1, "queued")).getReader();
    expect((await drain(reader, 1)).text).toContain("id: 1\n");
    vi.advanceTimersByTime(KEEP_ALIVE_MS - 1);
    expect(ticks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect((await drain(reader, 1)).text).toBe(": keep-alive\n\n");
    expect(ticks).toEqual([SID]);
    expect(KEEP_ALIVE_MS).toBe(15_000);
  });

  it("pushes each event to every open stream of the call and ends them after a final status", async () => {
    const streams = new EventStreams();
    const readers = [1, 2].map(() => streams.subscribe(SID, event(1, "queued")).getReader());
    streams.publish(SID, event(2, "in-progress"));
    streams.publish(SID, event(3, "completed"));
    for (const reader of readers) {
      const { text } = await drain(reader, 3);
      expect([...text.matchAll(/^id: (\d)$/gm)].map((match) => match[1])).toEqual(["1", "2", "3"]);
      expect(await reader.read()).toEqual({ done: true, value: undefined });
    }
    expect(streams.count(SID)).toBe(0);
    expect(vi.getTimerCount(), "no keep-alive timer outlives the streams").toBe(0);
  });

  it("ends at once when the first status is final, and forgets a stream its reader cancels", async () => {
    const streams = new EventStreams();
    const done = streams.subscribe(SID, event(4, "canceled")).getReader();
    expect((await drain(done, 2)).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    const open = streams.subscribe(SID, event(1, "ringing")).getReader();
    expect(streams.count(SID)).toBe(1);
    await open.cancel();
    expect(streams.count(SID)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    streams.publish(SID, event(2, "completed"));
  });
});
