import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createClient,
  type ResponseInfo,
  TwilioApiError,
  TwilioNetworkError,
} from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, callJson, jsonResponse, scriptedFetch } from "./fake-fetch.js";

const params = { to: "+15558675310", from: "+15017122661", url: "https://example.com/t" };
const SID = `CA${"d".repeat(32)}`;
const CREATE_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;

const clientWith = (fetch: typeof globalThis.fetch, extra: object = {}) =>
  createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch, ...extra });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("request ids", () => {
  it("TwilioApiError.requestId is Twilio's Twilio-Request-Id, shown by toString()", async () => {
    const requestId = "RQ0123456789abcdef0123456789abcdef";
    const { fetch } = scriptedFetch(
      jsonResponse({ code: 21211, message: "Invalid 'To' Phone Number" }, 400, {
        "Twilio-Request-Id": requestId,
      }),
    );
    const error = (await clientWith(fetch)
      .calls.create(params)
      .catch((e: unknown) => e)) as TwilioApiError;
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error.requestId).toBe(requestId);
    expect(error.message).toBe("Invalid 'To' Phone Number");
    expect(String(error)).toBe(`TwilioApiError: Invalid 'To' Phone Number (request ${requestId})`);
  });

  it("without the header, requestId is undefined and toString() has no suffix", async () => {
    const { fetch } = scriptedFetch(new Response("", { status: 502 }));
    const error = (await clientWith(fetch)
      .calls(SID)
      .fetch()
      .catch((e: unknown) => e)) as TwilioApiError;
    expect(error.requestId).toBeUndefined();
    expect(String(error)).toBe("TwilioApiError: [HTTP 502] Failed to execute request");
  });
});

describe("onResponse", () => {
  it("hears every attempt: method, path, status, request id, attempt number, duration", async () => {
    vi.useFakeTimers();
    const answers = [
      jsonResponse({ code: 20429, message: "Too Many Requests" }, 429, {
        "Retry-After": "1",
        "Twilio-Request-Id": "RQ1",
      }),
      jsonResponse(callJson(), 201, { "Twilio-Request-Id": "RQ2" }),
    ];
    let calls = 0;
    // Each answer takes 250 ms of the injected clock to arrive.
    const fetch = (() =>
      new Promise<Response>((resolve) => {
        const answer = answers[calls++] as Response;
        setTimeout(() => resolve(answer), 250);
      })) as typeof globalThis.fetch;
    const heard: ResponseInfo[] = [];
    const created = clientWith(fetch, {
      onResponse: (info: ResponseInfo) => heard.push(info),
    }).calls.create(params);
    await vi.advanceTimersByTimeAsync(250 + 1000 + 250);
    await created;
    expect(heard).toEqual([
      {
        method: "POST",
        path: CREATE_PATH,
        status: 429,
        requestId: "RQ1",
        attempt: 1,
        durationMs: 250,
      },
      {
        method: "POST",
        path: CREATE_PATH,
        status: 201,
        requestId: "RQ2",
        attempt: 2,
        durationMs: 250,
      },
    ]);
  });

  it("gets no secret and no body", async () => {
    const { fetch } = scriptedFetch(jsonResponse(callJson({ sip_auth_password: "x" })));
    const heard: unknown[] = [];
    await clientWith(fetch, { onResponse: (info: ResponseInfo) => heard.push(info) }).calls.create({
      ...params,
      sipAuthPassword: "sip-secret-99",
    });
    const shown = JSON.stringify(heard);
    expect(shown).not.toContain(AUTH_TOKEN);
    expect(shown).not.toContain("sip-secret-99");
    expect(shown).not.toMatch(/Basic|queued|\+1555/);
    expect(Object.keys(heard[0] as object).sort()).toEqual(
      ["attempt", "durationMs", "method", "path", "requestId", "status"].sort(),
    );
  });

  it("a throwing hook does not turn a placed call into an error", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    const client = clientWith(fetch, {
      onResponse: () => {
        throw new Error("logger down");
      },
    });
    expect((await client.calls.create(params)).sid).toBe(SID);
    expect(requests).toHaveLength(1);
  });

  it("must be a function", () => {
    expect(() => clientWith(globalThis.fetch, { onResponse: "log" })).toThrow(
      /^onResponse: must be a function$/,
    );
  });
});

describe("network errors name the host and the cause", () => {
  it("a refused connection: ECONNREFUSED with address and port", async () => {
    // A port that was just free on loopback: nothing listens there any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = createClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    const error = await client
      .calls(SID)
      .fetch()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioNetworkError);
    expect((error as Error).message).toBe(
      `GET /2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${SID}.json to 127.0.0.1:${port} failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect((error as Error).message).not.toContain(AUTH_TOKEN);
  });

  it("a name that does not resolve: getaddrinfo ENOTFOUND, as undici reports it", async () => {
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND api.example.invalid"), {
      code: "ENOTFOUND",
      syscall: "getaddrinfo",
      hostname: "api.example.invalid",
    });
    const { fetch } = scriptedFetch(new TypeError("fetch failed", { cause }));
    const error = await clientWith(fetch, { maxRetries: 0 })
      .calls.create(params)
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `POST ${CREATE_PATH} to api.twilio.com failed: getaddrinfo ENOTFOUND api.example.invalid`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("every address refused (an AggregateError with only a code)", async () => {
    const cause = Object.assign(new AggregateError([], ""), { code: "ECONNREFUSED" });
    const { fetch } = scriptedFetch(new TypeError("fetch failed", { cause }));
    const error = await clientWith(fetch, { baseUrl: "http://localhost:4010", maxRetries: 0 })
      .calls.create(params)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/to localhost:4010 failed: ECONNREFUSED$/);
  });

  it("a runtime that gives no cause: its own message, and the host", async () => {
    const { fetch } = scriptedFetch(new TypeError("Failed to fetch"));
    const error = await clientWith(fetch)
      .calls.create(params)
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `POST ${CREATE_PATH} to api.twilio.com failed: TypeError: Failed to fetch`,
    );
  });
});
