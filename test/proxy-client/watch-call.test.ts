import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProxyClient, type ProxyCallDetails } from "../../src/proxy-client/index.js";
import { details, json, problem, routedFetch, SID } from "./fixtures.js";

// watchCall where the event stream is not available (an older proxy answers 404): it polls.
const baseUrl = "https://calls.example.com";
const noStream = problem(404, { title: "Not found", code: "not_found" });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("watchCall by polling", () => {
  it("walks the statuses to completed, reporting each change once", async () => {
    const statuses = ["queued", "ringing", "ringing", "in-progress", "in-progress", "completed"];
    const { fetch, polls, streams } = routedFetch({
      events: [noStream],
      calls: statuses.map((status) => json(details(status))),
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const seen: string[] = [];
    const pending = proxy.watchCall(SID, { onStatus: (call) => seen.push(call.status) });
    await vi.runAllTimersAsync();
    const final: ProxyCallDetails = await pending;
    expect(final).toMatchObject({ sid: SID, status: "completed", duration: 42 });
    expect(seen).toEqual(["queued", "ringing", "in-progress", "completed"]);
    expect(polls()).toHaveLength(statuses.length);
    expect(polls()[0]?.url).toBe(`${baseUrl}/v1/calls/${SID}`);
    expect(streams()).toHaveLength(1);
  });

  it("polls less often while nothing changes, and again at the interval after a change", async () => {
    const statuses = ["ringing", "ringing", "ringing", "in-progress", "busy"];
    const { fetch, polls } = routedFetch({
      events: [noStream],
      calls: statuses.map((status) => json(details(status))),
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 1000 });
    const pollsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return polls().length;
    };
    expect(await pollsAt(0)).toBe(1);
    expect(await pollsAt(999)).toBe(1);
    expect(await pollsAt(1)).toBe(2); // +1000 after the first status
    expect(await pollsAt(1499)).toBe(2);
    expect(await pollsAt(1)).toBe(3); // +1500: unchanged
    expect(await pollsAt(2249)).toBe(3);
    expect(await pollsAt(1)).toBe(4); // +2250: unchanged again
    expect(await pollsAt(1000)).toBe(5); // +1000: it had changed
    expect((await pending).status).toBe("busy");
  });

  it("never waits longer than maxInterval", async () => {
    const { fetch, polls } = routedFetch({
      events: [noStream],
      calls: [...Array(8).fill(json(details("ringing"))), json(details("completed"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 1000, maxInterval: 3000 });
    await vi.advanceTimersByTimeAsync(1000 + 1500 + 2250 + 3000);
    expect(polls()).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(2999);
    expect(polls()).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls()).toHaveLength(6);
    await vi.runAllTimersAsync();
    expect((await pending).status).toBe("completed");
  });

  it("polls when the proxy answers 405, or a body the runtime cannot stream", async () => {
    const answers = [
      problem(405, { title: "Method not allowed" }, { Allow: "POST" }),
      new Response(null, { status: 200 }),
    ];
    for (const answer of answers) {
      const { fetch, polls } = routedFetch({ events: [answer], calls: [json(details("failed"))] });
      const proxy = createProxyClient({ baseUrl, token: "t", fetch });
      expect((await proxy.watchCall(SID)).status).toBe("failed");
      expect(polls()).toHaveLength(1);
    }
  });

  it("polls after the stream cannot be reached, with the polls' own retries", async () => {
    const { fetch, polls, streams } = routedFetch({
      events: [new TypeError("Failed to fetch")],
      calls: [json(details("completed"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch, maxRetries: 1 });
    const pending = proxy.watchCall(SID);
    await vi.runAllTimersAsync();
    expect((await pending).status).toBe("completed");
    expect(streams()).toHaveLength(2); // the first attempt and its one retry
    expect(polls()).toHaveLength(1);
  });

  it("rejects with the poll's ProxyError, such as 404 for another caller's call", async () => {
    const { fetch } = routedFetch({
      events: [problem(404, { title: "Call not found", code: "call_not_found" })],
      calls: [problem(404, { title: "Call not found", code: "call_not_found" })],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.watchCall(SID)).rejects.toMatchObject({
      name: "ProxyError",
      status: 404,
      code: "call_not_found",
    });
  });

  it("resolves at once when the call has already ended", async () => {
    const { fetch, polls } = routedFetch({
      events: [noStream],
      calls: [json(details("no-answer"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    expect((await proxy.watchCall(SID)).status).toBe("no-answer");
    expect(polls()).toHaveLength(1);
  });

  it("stops polling when aborted, rejecting with the signal's reason", async () => {
    const { fetch, requests } = routedFetch({
      events: [noStream],
      calls: [json(details("ringing"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.watchCall(SID, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("closed");
    await vi.advanceTimersByTimeAsync(2500);
    const sent = requests.length;
    controller.abort("closed");
    await outcome;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(sent);
  });

  it("aborts a poll in flight", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const { fetch } = routedFetch({ events: [noStream], calls: [hang] });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.watchCall(SID, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("closed");
    await vi.advanceTimersByTimeAsync(0);
    controller.abort("closed");
    await outcome;
  });

  it("refuses a bad interval and an empty sid before any request", async () => {
    const { fetch, requests } = routedFetch({
      events: [noStream],
      calls: [json(details("ringing"))],
    });
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.watchCall(SID, { interval: 0 })).rejects.toThrow(/^interval: /);
    await expect(proxy.watchCall(SID, { maxInterval: 1.5 })).rejects.toThrow(/^maxInterval: /);
    await expect(proxy.watchCall("")).rejects.toThrow(/^sid: /);
    expect(requests).toHaveLength(0);
  });
});
