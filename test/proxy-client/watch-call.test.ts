import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProxyClient, type ProxyCallDetails } from "../../src/proxy-client/index.js";
import { scriptedFetch } from "../core/fake-fetch.js";
import { details, json, SID } from "./fixtures.js";

const baseUrl = "https://calls.example.com";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("watchCall", () => {
  it("walks the statuses to completed, reporting each change once", async () => {
    const statuses = ["queued", "ringing", "ringing", "in-progress", "in-progress", "completed"];
    const { fetch, requests } = scriptedFetch(...statuses.map((status) => json(details(status))));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const seen: string[] = [];
    const pending = proxy.watchCall(SID, { onStatus: (call) => seen.push(call.status) });
    await vi.runAllTimersAsync();
    const final: ProxyCallDetails = await pending;
    expect(final).toMatchObject({ sid: SID, status: "completed", duration: 42 });
    expect(seen).toEqual(["queued", "ringing", "in-progress", "completed"]);
    expect(requests).toHaveLength(statuses.length);
  });

  it("polls less often while nothing changes, and again at the interval after a change", async () => {
    const statuses = ["ringing", "ringing", "ringing", "in-progress", "busy"];
    const { fetch, requests } = scriptedFetch(...statuses.map((status) => json(details(status))));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.watchCall(SID, { interval: 1000 });
    const pollsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return requests.length;
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

  it("resolves at once when the call has already ended", async () => {
    const { fetch, requests } = scriptedFetch(json(details("no-answer")));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    expect((await proxy.watchCall(SID)).status).toBe("no-answer");
    expect(requests).toHaveLength(1);
  });

  it("stops polling when aborted, rejecting with the signal's reason", async () => {
    const { fetch, requests } = scriptedFetch(json(details("ringing")));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.watchCall(SID, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("closed");
    await vi.advanceTimersByTimeAsync(2500);
    const polls = requests.length;
    controller.abort("closed");
    await outcome;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(polls);
  });

  it("aborts a poll in flight", async () => {
    const { fetch } = scriptedFetch(
      (request) =>
        new Promise((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.watchCall(SID, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("closed");
    await vi.advanceTimersByTimeAsync(0);
    controller.abort("closed");
    await outcome;
  });

  it("refuses a bad interval and an empty sid", async () => {
    const { fetch } = scriptedFetch(json(details("ringing")));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.watchCall(SID, { interval: 0 })).rejects.toThrow(/^interval: /);
    await expect(proxy.watchCall(SID, { maxInterval: 1.5 })).rejects.toThrow(/^maxInterval: /);
    await expect(proxy.watchCall("")).rejects.toThrow(/^sid: /);
  });
});
