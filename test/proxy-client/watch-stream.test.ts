import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProxyClient } from "../../src/proxy-client/index.js";
import {
  details,
  endedStream,
  eventStream,
  json,
  problem,
  routedFetch,
  SID,
  statusEvent,
} from "./fixtures.js";

// watchCall on the proxy's event stream: pushed statuses, reconnects, the fall back to polling.
const baseUrl = "https://calls.example.com";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch whose event streams the test drives; `opened[n]` is the n-th stream opened. */
const liveStreams = (calls: Response[] = []) => {
  const opened: ReturnType<typeof eventStream>[] = [];
  const routed = routedFetch({
    events: [
      (request) => {
        const stream = eventStream(request);
        opened.push(stream);
        return stream.response;
      },
    ],
    calls,
  });
  return { ...routed, opened };
};

describe("watchCall on the event stream", () => {
  it("reports each pushed status as it arrives and resolves at the final one, without polling", async () => {
    const { fetch, opened, polls } = liveStreams();
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const seen: string[] = [];
    const pending = proxy.watchCall(SID, { onStatus: (call) => seen.push(call.status) });
    await vi.advanceTimersByTimeAsync(0);
    const stream = opened[0];
    if (!stream) throw new Error("no stream was opened");
    stream.push(statusEvent("queued", 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(["queued"]);
    stream.push(`${statusEvent("ringing", 2)}: keep-alive\n\n`);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(["queued", "ringing"]);
    stream.push(statusEvent("in-progress", 3) + statusEvent("completed", 4));
    const final = await pending;
    expect(final).toMatchObject({ sid: SID, status: "completed", duration: 42 });
    expect(seen).toEqual(["queued", "ringing", "in-progress", "completed"]);
    expect(polls()).toHaveLength(0);
    expect(opened).toHaveLength(1);
    expect(stream.canceled).toBe(true); // the connection is closed at once, not left to the proxy
  });

  it("opens a dropped stream again after the interval and reports no status twice", async () => {
    const { fetch, streams, polls } = routedFetch({
      events: [
        endedStream(statusEvent("queued", 1), statusEvent("ringing", 2)),
        endedStream(statusEvent("ringing", 2), statusEvent("in-progress", 3)),
        endedStream(statusEvent("in-progress", 3), statusEvent("completed", 4)),
      ],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const seen: string[] = [];
    const pending = proxy.watchCall(SID, {
      interval: 500,
      onStatus: (call) => seen.push(call.status),
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(streams()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(streams()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect((await pending).status).toBe("completed");
    expect(seen).toEqual(["queued", "ringing", "in-progress", "completed"]);
    expect(polls()).toHaveLength(0);
  });

  it("backs off while reopened streams bring nothing new", async () => {
    const { fetch, streams } = routedFetch({
      events: [
        ...Array(3).fill(endedStream(statusEvent("ringing"))),
        endedStream(statusEvent("canceled")),
      ],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(streams()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000); // after a change: the interval
    expect(streams()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499); // nothing new: half as long again
    expect(streams()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(streams()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2250);
    expect((await pending).status).toBe("canceled");
  });

  it("opens the stream again after a reset connection", async () => {
    const { fetch, opened } = liveStreams();
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 100 });
    await vi.advanceTimersByTimeAsync(0);
    opened[0]?.push(statusEvent("ringing"));
    await vi.advanceTimersByTimeAsync(0);
    opened[0]?.fail(new TypeError("network connection was lost"));
    await vi.advanceTimersByTimeAsync(100);
    expect(opened).toHaveLength(2);
    opened[1]?.push(statusEvent("busy"));
    expect((await pending).status).toBe("busy");
  });

  it("takes 45 s of silence (no event, no keep-alive) for a dead connection and reconnects", async () => {
    const { fetch, opened } = liveStreams();
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    opened[0]?.push(statusEvent("in-progress"));
    await vi.advanceTimersByTimeAsync(30_000);
    opened[0]?.push(": keep-alive\n\n"); // keeps it alive for another 45 s
    await vi.advanceTimersByTimeAsync(44_999);
    expect(opened[0]?.canceled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened[0]?.canceled).toBe(true);
    expect(opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened).toHaveLength(2);
    opened[1]?.push(statusEvent("completed"));
    expect((await pending).status).toBe("completed");
  });

  it("falls back to polling when a reopened stream is refused", async () => {
    const { fetch, streams, polls } = routedFetch({
      events: [endedStream(statusEvent("ringing")), problem(503, { title: "Unavailable" })],
      calls: [json(details("ringing")), json(details("no-answer"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const seen: string[] = [];
    const pending = proxy.watchCall(SID, { onStatus: (call) => seen.push(call.status) });
    await vi.runAllTimersAsync();
    expect((await pending).status).toBe("no-answer");
    expect(seen).toEqual(["ringing", "no-answer"]);
    expect(streams()).toHaveLength(2);
    expect(polls()).toHaveLength(2);
  });

  it("falls back to polling when the stream's first event is malformed", async () => {
    const { fetch, polls } = routedFetch({
      events: [endedStream("event: status\ndata: <html>\n\n")],
      calls: [json(details("completed"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    expect((await proxy.watchCall(SID)).status).toBe("completed");
    expect(polls()).toHaveLength(1);
  });

  it("stops when aborted mid-stream: rejects with the reason, closes it, sends nothing more", async () => {
    const { fetch, opened, requests } = liveStreams();
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.watchCall(SID, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("page closed");
    await vi.advanceTimersByTimeAsync(0);
    opened[0]?.push(statusEvent("ringing"));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort("page closed");
    await outcome;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
  });

  it("passes an error thrown by onStatus on, closing the stream", async () => {
    const { fetch, opened } = liveStreams();
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const broken = new Error("render failed");
    const pending = proxy.watchCall(SID, {
      onStatus: () => {
        throw broken;
      },
    });
    const outcome = expect(pending).rejects.toBe(broken);
    await vi.advanceTimersByTimeAsync(0);
    opened[0]?.push(statusEvent("ringing"));
    await outcome;
    expect(opened[0]?.canceled).toBe(true);
    expect(opened).toHaveLength(1);
  });

  it("sends the current token on each connection", async () => {
    let issued = 0;
    const { fetch, streams } = routedFetch({
      events: [endedStream(statusEvent("ringing")), endedStream(statusEvent("completed"))],
    });
    const proxy = createProxyClient({ baseUrl, getToken: () => `jwt-${++issued}`, fetch });
    const pending = proxy.watchCall(SID);
    await vi.runAllTimersAsync();
    await pending;
    expect(streams().map((request) => request.headers.get("Authorization"))).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
  });
});
