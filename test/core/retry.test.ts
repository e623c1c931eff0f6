import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient, TwilioApiError } from "../../src/index.js";
import {
  backoffMs,
  isRetryable,
  MAX_RETRY_DELAY_MS,
  retryAfterMs,
  retryDelayMs,
} from "../../src/shared/retry.js";
import { ACCOUNT_SID, AUTH_TOKEN, callJson, jsonResponse, scriptedFetch } from "./fake-fetch.js";

const params = { to: "+15558675310", from: "+15017122661", url: "https://example.com/t" };
const tooMany = (headers: Record<string, string> = {}) =>
  jsonResponse({ code: 20429, message: "Too Many Requests", status: 429 }, 429, headers);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retry policy", () => {
  it("reads Retry-After in seconds and as an HTTP date", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs("0.5", now)).toBe(500);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:07 GMT", now)).toBe(7000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });

  it("backs off exponentially with full jitter, capped", () => {
    expect(backoffMs(0, () => 1)).toBe(500);
    expect(backoffMs(1, () => 1)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(30, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(backoffMs(2, () => 0)).toBe(0);
  });

  it("retries 429 for every method, 5xx and failed fetches for GET and DELETE only", () => {
    for (const method of ["GET", "POST", "DELETE"]) expect(isRetryable(method, 429)).toBe(true);
    for (const status of [500, 502, 503, 504, undefined]) {
      expect(isRetryable("GET", status)).toBe(true);
      expect(isRetryable("DELETE", status)).toBe(true);
      expect(isRetryable("POST", status)).toBe(false);
    }
    for (const status of [200, 201, 204, 400, 401, 404, 409, 499]) {
      expect(isRetryable("GET", status)).toBe(false);
    }
  });

  it("honours Retry-After over backoff, and caps any single wait", () => {
    expect(retryDelayMs(0, "2", 0, () => 1)).toBe(2000);
    expect(retryDelayMs(0, "3600", 0, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1, null, 0, () => 0.25)).toBe(250);
  });
});

describe("the client retries 429 only", () => {
  it("retries a 429 after Retry-After, then succeeds", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      tooMany({ "Retry-After": "2" }),
      jsonResponse(callJson()),
    );
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const created = client.calls.create(params);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await created).sid).toMatch(/^CA/);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it("gives up after maxRetries (default 2) with the 429 as a TwilioApiError", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { fetch, requests } = scriptedFetch(tooMany());
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const failure = client.calls.create(params).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500 + 1000);
    const error = (await failure) as TwilioApiError;
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error.status).toBe(429);
    expect(requests).toHaveLength(3);
  });

  it("maxRetries 0 means no retry", async () => {
    const { fetch, requests } = scriptedFetch(tooMany());
    const client = createClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fetch,
      maxRetries: 0,
    });
    await expect(client.calls.create(params)).rejects.toMatchObject({ status: 429 });
    expect(requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504, 400, 401, 409])("never retries a %i", async (status) => {
    const { fetch, requests } = scriptedFetch(
      jsonResponse({ code: 20500, message: "x", status }, status, { "Retry-After": "1" }),
    );
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    await expect(client.calls.create(params)).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  it("an abort during the wait before a retry rejects with the signal's reason", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(tooMany({ "Retry-After": "5" }));
    const controller = new AbortController();
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const failure = client.calls
      .create(params, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(await failure).toBe(reason);
    expect(requests).toHaveLength(1);
  });
});

describe("reads and deletes are also retried on a 5xx and a failed fetch", () => {
  const SID = `CA${"d".repeat(32)}`;
  const clientWith = (fetch: typeof globalThis.fetch, extra: object = {}) =>
    createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch, ...extra });
  const unavailable = (headers: Record<string, string> = {}) =>
    jsonResponse({ code: 20503, message: "Service Unavailable" }, 503, headers);
  const page = jsonResponse({ calls: [callJson()], next_page_uri: null }, 200);

  it.each([
    ["calls(sid).fetch", (client: ReturnType<typeof clientWith>) => client.calls(SID).fetch()],
    ["calls.get", (client: ReturnType<typeof clientWith>) => client.calls.get(SID)],
    ["calls.list", (client: ReturnType<typeof clientWith>) => client.calls.list()],
    ["calls.page", (client: ReturnType<typeof clientWith>) => client.calls.page()],
  ])("%s: a 503, then a refused connection, then the answer", async (_, run) => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { fetch, requests } = scriptedFetch(
      unavailable(),
      new TypeError("fetch failed"),
      _ === "calls.list" || _ === "calls.page" ? page : jsonResponse(callJson(), 200),
    );
    const pending = run(clientWith(fetch));
    // Full-jitter backoff with random() = 1: 500 ms, then 1000 ms; nothing is sent before its time.
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    await pending;
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.url)).size).toBe(1);
  });

  it("honours Retry-After on a 503", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      unavailable({ "Retry-After": "3" }),
      jsonResponse(callJson(), 200),
    );
    const pending = clientWith(fetch).calls(SID).fetch();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(requests).toHaveLength(2);
  });

  it("gives up after maxRetries with the last answer", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(unavailable({ "Retry-After": "0" }));
    const failure = clientWith(fetch, { maxRetries: 1 })
      .calls(SID)
      .fetch()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(await failure).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 404])("never retries a %i read", async (status) => {
    const { fetch, requests } = scriptedFetch(jsonResponse({ code: 20404, message: "x" }, status));
    await expect(clientWith(fetch).calls(SID).fetch()).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  it("never retries a read that timed out: the timeout bounds the wait", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(() => new Promise<Response>(() => {}));
    const failure = clientWith(fetch, { timeout: 100 })
      .calls(SID)
      .fetch()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await failure) as Error).toMatchObject({ name: "TwilioTimeoutError" });
    expect(requests).toHaveLength(1);
  });

  it("create is never retried after a failed fetch", async () => {
    const { fetch, requests } = scriptedFetch(
      new TypeError("fetch failed"),
      jsonResponse(callJson()),
    );
    await expect(clientWith(fetch).calls.create(params)).rejects.toMatchObject({
      name: "TwilioNetworkError",
    });
    expect(requests).toHaveLength(1);
  });

  it("remove: a 503 then 204 resolves true", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      unavailable({ "Retry-After": "0" }),
      new Response(null, { status: 204 }),
    );
    const pending = clientWith(fetch).calls(SID).remove();
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toBe(true);
    expect(requests.map((request) => request.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("remove: a 404 after an attempt that may have reached Twilio means the record is gone", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(
      new TypeError("fetch failed"),
      jsonResponse({ code: 20404, message: "not found" }, 404),
    );
    vi.spyOn(Math, "random").mockReturnValue(0);
    const pending = clientWith(fetch).calls(SID).remove();
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toBe(true);
  });

  it("remove: a 404 on the first attempt, or after a 429 only, is a TwilioApiError", async () => {
    vi.useFakeTimers();
    const notFound = () => jsonResponse({ code: 20404, message: "not found" }, 404);
    const first = scriptedFetch(notFound());
    await expect(clientWith(first.fetch).calls(SID).remove()).rejects.toMatchObject({
      status: 404,
    });
    const afterTooMany = scriptedFetch(tooMany({ "Retry-After": "0" }), notFound());
    const pending = clientWith(afterTooMany.fetch)
      .calls(SID)
      .remove()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toBeInstanceOf(TwilioApiError);
    expect(afterTooMany.requests).toHaveLength(2);
  });
});
