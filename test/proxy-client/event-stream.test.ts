import { describe, expect, it } from "vitest";
import { callEvents } from "../../src/proxy-client/event-stream.js";
import type { ProxyTransport } from "../../src/proxy-client/request.js";
import { details, endedStream, problem, routedFetch, SID } from "./fixtures.js";

// The Server-Sent Events parser, fed through a fake fetch whose body arrives in the chunks a test picks.
const transport = (fetch: typeof globalThis.fetch): ProxyTransport => ({
  base: "https://calls.example.com",
  fetch,
  getToken: () => "user-jwt",
  maxRetries: 0,
});
const path = `/v1/calls/${SID}/events`;

const collect = async (...chunks: (string | Uint8Array)[]) => {
  const { fetch, requests } = routedFetch({ events: [endedStream(...chunks)] });
  const calls = [];
  for await (const call of callEvents(transport(fetch), path)) calls.push(call);
  return { calls, requests };
};

const ringing = details("ringing");
const flowed = { ...details("in-progress"), flow: "démo ☎ 通話" };

// Every SSE feature in one body: comments, keep-alives, `\r\n`, a lone `\r`, no space after the
// colon, multi-line data, an id and a retry, an event of another type, an event with no data.
const body = [
  ": stream opened\r\n",
  "retry: 3000\r\n\r\n",
  `id: 1\r\nevent: status\r\ndata: ${JSON.stringify(ringing)}\r\n\r\n`,
  ": keep-alive\n\n",
  "event: heartbeat\ndata: {}\n\n",
  "event: status\n\n",
  `id:2\revent:status\rdata:{\r`,
  `data:${JSON.stringify(flowed).slice(1, -1)}\rdata:}\r\r: closing\n`,
].join("");

describe("the event stream parser", () => {
  it("asks for text/event-stream with the bearer token", async () => {
    const { requests } = await collect(body);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`https://calls.example.com${path}`);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.headers.get("Accept")).toBe("text/event-stream");
    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer user-jwt");
  });

  it("yields each status event's call, skipping comments, other events and empty ones", async () => {
    expect((await collect(body)).calls).toEqual([ringing, flowed]);
  });

  it("gives the same calls however the body is split, also inside a character or a \\r\\n", async () => {
    const bytes = new TextEncoder().encode(body);
    for (let at = 1; at < bytes.length; at++) {
      const { calls } = await collect(bytes.slice(0, at), bytes.slice(at));
      expect(calls, `split at byte ${at}`).toEqual([ringing, flowed]);
    }
    const oneByOne = [...bytes].map((byte) => Uint8Array.of(byte));
    expect((await collect(...oneByOne)).calls).toEqual([ringing, flowed]);
  });

  it("keeps one leading space of a value and no more", async () => {
    const data = JSON.stringify(ringing);
    const { calls } = await collect(
      `event:  status\ndata: ${data}\n\nevent: status\ndata:${data}\n\n`,
    );
    expect(calls).toEqual([ringing]); // " status" is another event type
  });

  it("drops an event the stream ends in the middle of", async () => {
    const { calls } = await collect(`event: status\ndata: ${JSON.stringify(ringing)}\n`);
    expect(calls).toEqual([]);
  });

  it("ends quietly on a malformed event, a non-2xx answer or a network failure", async () => {
    expect((await collect("event: status\ndata: {not json\n\n")).calls).toEqual([]);
    expect((await collect('event: status\ndata: {"sid": 1}\n\n')).calls).toEqual([]);
    for (const answer of [
      problem(404, { title: "Not found" }),
      problem(401, { title: "Unauthorized" }),
      new TypeError("Failed to fetch"),
    ]) {
      const { fetch } = routedFetch({ events: [answer] });
      const calls = [];
      for await (const call of callEvents(transport(fetch), path)) calls.push(call);
      expect(calls).toEqual([]);
    }
  });

  it("rejects with the signal's reason once aborted", async () => {
    const controller = new AbortController();
    controller.abort("gone");
    const { fetch } = routedFetch({ events: [endedStream(body)] });
    const events = callEvents(transport(fetch), path, controller.signal);
    await expect(events.next()).rejects.toBe("gone");
  });
});
