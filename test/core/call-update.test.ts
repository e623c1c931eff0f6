import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CallUpdateParams,
  createClient,
  TwilioApiError,
  TwilioNetworkError,
  TwilioValidationError,
} from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, callJson, jsonResponse, scriptedFetch } from "./fake-fetch.js";

const SID = `CA${"d".repeat(32)}`;
const CALL_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${SID}.json`;

const clientWith = (fetch: typeof globalThis.fetch, extra: object = {}) =>
  createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch, ...extra });

const refusal = async (params: unknown, sid = SID) => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson(), 200));
  const error = await clientWith(fetch)
    .calls(sid)
    .update(params as CallUpdateParams)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TwilioValidationError);
  expect(requests).toHaveLength(0);
  return error as TwilioValidationError;
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("calls(sid).update sends the official form to the call's URL", () => {
  it.each<[string, CallUpdateParams, string[]]>([
    ["cancel", { status: "canceled" }, ["Status=canceled"]],
    ["hang up", { status: "completed" }, ["Status=completed"]],
    [
      "redirect to a URL",
      { url: "https://example.com/next?a=1&b=2", method: "GET" },
      ["Method=GET", "Url=https://example.com/next?a=1&b=2"],
    ],
    [
      "redirect to TwiML",
      { twiml: "<Response><Say>Bye & thanks</Say></Response>" },
      ["Twiml=<Response><Say>Bye & thanks</Say></Response>"],
    ],
    [
      "every parameter",
      {
        url: "https://example.com/u",
        method: "POST",
        status: "completed",
        fallbackUrl: "https://example.com/f",
        fallbackMethod: "GET",
        statusCallback: "https://example.com/s",
        statusCallbackMethod: "GET",
        twiml: { toString: () => "<Response/>" },
        timeLimit: 600,
      },
      [
        "FallbackMethod=GET",
        "FallbackUrl=https://example.com/f",
        "Method=POST",
        "Status=completed",
        "StatusCallback=https://example.com/s",
        "StatusCallbackMethod=GET",
        "TimeLimit=600",
        "Twiml=<Response/>",
        "Url=https://example.com/u",
      ],
    ],
  ])("%s", async (_, params, form) => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson({ status: "canceled" }), 200));
    const call = await clientWith(fetch).calls(SID).update(params);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe(CALL_URL);
    expect(requests[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(requests[0]?.form.map(([key, value]) => `${key}=${value}`).sort()).toEqual(form);
    expect(call.status).toBe("canceled");
    expect(call.dateUpdated).toEqual(new Date("2010-08-31T20:36:44Z"));
  });
});

describe("calls(sid).update checks its parameters with create's rules before any request", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      "a status create has no use for",
      { status: "in-progress" },
      "status",
      /one of canceled, completed/,
    ],
    ["a lower-case status", { status: "Canceled" }, "status", /canceled, completed/],
    ["a relative url", { url: "/next" }, "url", /absolute http\(s\) URL/],
    ["method PUT", { method: "PUT" }, "method", /one of GET, POST/],
    ["fallbackMethod", { fallbackMethod: "get" }, "fallbackMethod", /GET, POST/],
    [
      "underscore callback host",
      { statusCallback: "https://a_b.example.com/" },
      "statusCallback",
      /underscores/,
    ],
    ["twiml over 4000", { twiml: "x".repeat(4001) }, "twiml", /at most 4000/],
    ["twiml a plain object", { twiml: { a: 1 } }, "twiml", /string or a TwiML builder/],
    ["timeLimit 0", { timeLimit: 0 }, "timeLimit", /integer from 1/],
    ["a lone surrogate", { twiml: "<Say>\uD800</Say>" }, "twiml", /lone surrogate/],
    [
      "a create-only parameter",
      { to: "+15558675310" },
      "to",
      /is not a parameter of calls\(sid\)\.update/,
    ],
    ["a typo", { stauts: "canceled" }, "stauts", /did you mean status\?/],
    ["PascalCase", { Status: "completed" }, "Status", /did you mean status\?/],
  ])("%s", async (_, params, param, rule) => {
    const error = await refusal(params);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(rule);
    expect(error.message.startsWith(`${param}: `)).toBe(true);
  });

  it("shares create's wording for a shared rule", async () => {
    const { fetch } = scriptedFetch(jsonResponse(callJson()));
    const client = clientWith(fetch);
    const created = await client.calls
      .create({ to: "+15558675310", from: "+15017122661", url: "ftp://x" })
      .catch((e: Error) => e.message);
    const updated = await client
      .calls(SID)
      .update({ url: "ftp://x" })
      .catch((e: Error) => e.message);
    expect(updated).toBe(created);
  });

  it.each(["CA123", `AC${"d".repeat(32)}`, `CA${"d".repeat(31)}g`, `${SID}/../x`, ""])(
    "refuses the sid %j with a clear message, as a rejected promise",
    async (sid) => {
      const { fetch, requests } = scriptedFetch(jsonResponse(callJson(), 200));
      const pending = clientWith(fetch).calls(sid).update({ status: "canceled" });
      await expect(pending).rejects.toThrow(/^sid: must match \^CA\[0-9a-fA-F\]\{32\}\$$/);
      expect(requests).toHaveLength(0);
    },
  );
});

describe("calls(sid).update is retried on 429 only", () => {
  it("retries a 429 after Retry-After, with the same body", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      jsonResponse({ code: 20429, message: "Too Many Requests" }, 429, { "Retry-After": "1" }),
      jsonResponse(callJson({ status: "completed" }), 200),
    );
    const pending = clientWith(fetch).calls(SID).update({ status: "completed" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await pending).status).toBe("completed");
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it.each([500, 502, 503])(
    "never retries a %i: a second redirect would restart the TwiML",
    async (status) => {
      const { fetch, requests } = scriptedFetch(
        jsonResponse({ code: 20500, message: "Internal" }, status, { "Retry-After": "0" }),
      );
      await expect(
        clientWith(fetch).calls(SID).update({ twiml: "<Response/>" }),
      ).rejects.toMatchObject({
        status,
      });
      expect(requests).toHaveLength(1);
    },
  );

  it("never retries a failed fetch", async () => {
    const { fetch, requests } = scriptedFetch(new TypeError("fetch failed"));
    await expect(
      clientWith(fetch).calls(SID).update({ status: "completed" }),
    ).rejects.toBeInstanceOf(TwilioNetworkError);
    expect(requests).toHaveLength(1);
  });

  it("Twilio's 21220 (call not in a state that allows it) is a TwilioApiError with its code", async () => {
    const body = {
      code: 21220,
      message: "Call is not in-progress. Cannot redirect.",
      more_info: "https://www.twilio.com/docs/errors/21220",
      status: 400,
    };
    const { fetch } = scriptedFetch(jsonResponse(body, 400, { "Twilio-Request-Id": "RQ123" }));
    const error = await clientWith(fetch)
      .calls(SID)
      .update({ url: "https://example.com/next" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 21220,
      message: body.message,
      method: "POST",
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${SID}.json`,
      requestId: "RQ123",
    });
  });
});
