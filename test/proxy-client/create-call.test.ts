import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createProxyClient,
  ProxyError,
  TwilioValidationError,
} from "../../src/proxy-client/index.js";
import { scriptedFetch } from "../core/fake-fetch.js";
import { created, json, problem, SID } from "./fixtures.js";

const baseUrl = "https://calls.example.com/";

afterEach(() => {
  vi.useRealTimers();
});

describe("createCall", () => {
  it("POSTs the params as JSON with a bearer token and a fresh Idempotency-Key", async () => {
    const { fetch, requests } = scriptedFetch(json(created, 201));
    const proxy = createProxyClient({ baseUrl, token: "user-jwt", fetch });
    const call = await proxy.createCall({ to: "+15558675310", flow: "demo" });
    expect(call).toEqual(created);
    const [request] = requests;
    expect(request?.url).toBe("https://calls.example.com/v1/calls");
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("Authorization")).toBe("Bearer user-jwt");
    expect(request?.headers.get("Content-Type")).toBe("application/json");
    expect(request?.headers.get("Idempotency-Key")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(JSON.parse(request?.body ?? "")).toEqual({ to: "+15558675310", flow: "demo" });
  });

  it("uses a new key for each call and the caller's key when given", async () => {
    const { fetch, requests } = scriptedFetch(json(created, 201));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await proxy.createCall({ to: "+15558675310" });
    await proxy.createCall({ to: "+15558675310" });
    await proxy.createCall({ to: "+15558675310" }, { idempotencyKey: "order-17" });
    const keys = requests.map((request) => request.headers.get("Idempotency-Key"));
    expect(new Set(keys).size).toBe(3);
    expect(keys[2]).toBe("order-17");
  });

  it("retries a dropped connection with the same Idempotency-Key and resolves with the one call", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(new TypeError("Failed to fetch"), json(created, 201));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.createCall({ to: "+15558675310" });
    await vi.runAllTimersAsync();
    expect(await pending).toEqual(created);
    expect(requests).toHaveLength(2);
    const [first, second] = requests.map((request) => request.headers.get("Idempotency-Key"));
    expect(second).toBe(first);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it("gives up after maxRetries with a ProxyError of status 0 that keeps the cause", async () => {
    vi.useFakeTimers();
    const dropped = new TypeError("Failed to fetch");
    const { fetch, requests } = scriptedFetch(dropped);
    const proxy = createProxyClient({ baseUrl, token: "t", fetch, maxRetries: 1 });
    const pending = proxy.createCall({ to: "+15558675310" });
    const outcome = expect(pending).rejects.toMatchObject({
      name: "ProxyError",
      status: 0,
      title: "Network error",
      cause: dropped,
    });
    await vi.runAllTimersAsync();
    await outcome;
    expect(requests).toHaveLength(2);
  });

  it("waits out a 429 with Retry-After, then retries with the same key", async () => {
    vi.useFakeTimers();
    const busy = problem(
      429,
      { type: "about:blank", title: "Too Many Requests" },
      { "Retry-After": "2" },
    );
    const { fetch, requests } = scriptedFetch(busy, json(created, 201));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.createCall({ to: "+15558675310" });
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual(created);
    expect(requests[1]?.headers.get("Idempotency-Key")).toBe(
      requests[0]?.headers.get("Idempotency-Key"),
    );
  });

  it("does not retry a 429 without Retry-After, nor one that asks for more than 10 s", async () => {
    for (const headers of [{}, { "Retry-After": "3600" }] as Record<string, string>[]) {
      const { fetch, requests } = scriptedFetch(
        problem(429, { title: "Too Many Requests" }, headers),
      );
      const proxy = createProxyClient({ baseUrl, token: "t", fetch });
      await expect(proxy.createCall({ to: "+15558675310" })).rejects.toMatchObject({ status: 429 });
      expect(requests).toHaveLength(1);
    }
  });

  it("keeps Retry-After of a refusal it does not retry, for the page to say when to try again", async () => {
    const { fetch } = scriptedFetch(
      problem(
        429,
        { title: "Quota exceeded", code: "caller_minute_quota" },
        { "Retry-After": "58" },
      ),
    );
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.createCall({ to: "+15558675310" })).rejects.toMatchObject({
      status: 429,
      code: "caller_minute_quota",
      retryAfterMs: 58_000,
    });
    const { fetch: plain } = scriptedFetch(problem(403, { title: "Destination not allowed" }));
    const error = await createProxyClient({ baseUrl, token: "t", fetch: plain })
      .createCall({ to: "+18765550100" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, retryAfterMs: undefined, twilioCode: undefined });
  });

  it("keeps Twilio's numeric error code (twilioCode) when it is one", async () => {
    const refused = (twilioCode: unknown) =>
      problem(422, {
        title: "Twilio did not place the call",
        code: "upstream_refused",
        twilioCode,
      });
    const { fetch } = scriptedFetch(refused(21215), refused("21215"));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.createCall({ to: "+14155550109" })).rejects.toMatchObject({
      twilioCode: 21215,
    });
    await expect(proxy.createCall({ to: "+14155550109" })).rejects.toMatchObject({
      twilioCode: undefined,
    });
  });

  it("turns a problem+json answer into a ProxyError with its fields", async () => {
    const body = {
      type: "https://calls.example.com/problems/destination-not-allowed",
      title: "Destination not allowed",
      detail: "Calls to +1876 are not allowed",
      code: "destination_not_allowed",
    };
    const { fetch, requests } = scriptedFetch(problem(403, body));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const error = await proxy.createCall({ to: "+18765550100" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ name: "ProxyError", status: 403, ...body });
    expect((error as Error).message).toBe(
      "POST /v1/calls: Destination not allowed (Calls to +1876 are not allowed)",
    );
    expect(requests).toHaveLength(1);
  });

  it("gives a useful ProxyError for a non-JSON error page", async () => {
    const { fetch } = scriptedFetch(new Response("<html>Bad gateway</html>", { status: 502 }));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.createCall({ to: "+15558675310" })).rejects.toMatchObject({
      status: 502,
      type: "about:blank",
      title: "HTTP 502",
      message: "POST /v1/calls: HTTP 502",
    });
  });

  it("a 2xx answer that is not JSON is a ProxyError, not a call", async () => {
    const { fetch } = scriptedFetch(new Response("<html>captive portal</html>", { status: 200 }));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const error = await proxy.createCall({ to: "+15558675310" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({
      status: 200,
      type: "about:blank",
      title: "Not a JSON answer",
      detail: "",
      message: "POST /v1/calls: Not a JSON answer",
    });
  });

  it("refuses a missing `to` before any request", async () => {
    const { fetch, requests } = scriptedFetch(json(created, 201));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await expect(proxy.createCall({ to: "" })).rejects.toMatchObject({
      name: "TwilioValidationError",
      param: "to",
    });
    expect(requests).toHaveLength(0);
  });

  it("stops at once when aborted while waiting to retry", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(new TypeError("Failed to fetch"));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.createCall({ to: "+15558675310" }, { signal: controller.signal });
    const outcome = expect(pending).rejects.toBe("user left");
    await vi.advanceTimersByTimeAsync(0);
    controller.abort("user left");
    await outcome;
    expect(requests).toHaveLength(1);
  });
});

describe("createProxyClient options and auth", () => {
  it("calls getToken for every request", async () => {
    let issued = 0;
    const getToken = vi.fn(async () => `jwt-${++issued}`);
    const { fetch, requests } = scriptedFetch(json({ ...created, updatedAt: "", duration: null }));
    const proxy = createProxyClient({ baseUrl, getToken, fetch });
    await proxy.getCall(SID);
    await proxy.getCall(SID);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(requests.map((r) => r.headers.get("Authorization"))).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
    expect(requests[0]?.url).toBe(`https://calls.example.com/v1/calls/${SID}`);
    expect(requests[0]?.method).toBe("GET");
  });

  it("refuses bad options, naming them", () => {
    const { fetch } = scriptedFetch(json(created));
    const cases: [object, string][] = [
      [{ token: "t", fetch }, "baseUrl"],
      [{ baseUrl, fetch }, "token"],
      [{ baseUrl, token: "t", getToken: () => "t", fetch }, "token"],
      [{ baseUrl, getToken: "t", fetch }, "getToken"],
      [{ baseUrl, token: "t", fetch: "fetch" }, "fetch"],
      [{ baseUrl, token: "t", fetch, maxRetries: -1 }, "maxRetries"],
    ];
    for (const [options, param] of cases) {
      expect(() => createProxyClient(options as never)).toThrow(TwilioValidationError);
      expect(() => createProxyClient(options as never)).toThrow(new RegExp(`^${param}: `));
    }
  });
});
