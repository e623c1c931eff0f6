import { describe, expect, it } from "vitest";
import {
  type CallListParams,
  createClient,
  TwilioApiError,
  TwilioValidationError,
} from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN, callJson, jsonResponse, scriptedFetch } from "./fake-fetch.js";

const LIST_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
const sid = (n: number) => `CA${String(n).padStart(32, "0")}`;

/** Pages of `size` calls out of `total`, linked by next_page_uri as Twilio links them. */
const pagedFetch = (
  total: number,
  size: number,
  nextUri = (page: number) => `${LIST_PATH}?PageSize=${size}&Page=${page}&PageToken=PA${page}`,
) =>
  scriptedFetch((request) => {
    const page = Number(new URL(request.url).searchParams.get("Page") ?? 0);
    const first = page * size;
    const calls = Array.from({ length: Math.max(0, Math.min(size, total - first)) }, (_, i) =>
      callJson({ sid: sid(first + i) }),
    );
    const last = first + size >= total;
    return jsonResponse(
      {
        calls,
        page,
        page_size: size,
        start: first,
        end: first + calls.length - 1,
        uri: `${LIST_PATH}?PageSize=${size}&Page=${page}`,
        first_page_uri: `${LIST_PATH}?PageSize=${size}&Page=0`,
        next_page_uri: last ? null : nextUri(page + 1),
        previous_page_uri: page ? `${LIST_PATH}?PageSize=${size}&Page=${page - 1}` : null,
      },
      200,
    );
  });

const clientWith = (fetch: typeof globalThis.fetch, extra: object = {}) =>
  createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch, ...extra });

describe("calls.list", () => {
  it("reads every page, following next_page_uri, and parses each call", async () => {
    const { fetch, requests } = pagedFetch(7, 3);
    const calls = await clientWith(fetch).calls.list({ pageSize: 3 });
    expect(calls.map((call) => call.sid)).toEqual([0, 1, 2, 3, 4, 5, 6].map(sid));
    expect(requests.map((request) => request.url)).toEqual([
      `https://api.twilio.com${LIST_PATH}?PageSize=3`,
      `https://api.twilio.com${LIST_PATH}?PageSize=3&Page=1&PageToken=PA1`,
      `https://api.twilio.com${LIST_PATH}?PageSize=3&Page=2&PageToken=PA2`,
    ]);
    expect(requests.every((request) => request.method === "GET" && request.body === "")).toBe(true);
    expect(calls[0]?.dateCreated).toEqual(new Date("2010-08-31T20:36:28Z"));
    expect(Object.keys(calls[0] ?? {}).some((key) => key.includes("_"))).toBe(false);
  });

  it("sends no query string when there are no filters", async () => {
    const { fetch, requests } = pagedFetch(1, 50);
    await clientWith(fetch).calls.list();
    expect(requests[0]?.url).toBe(`https://api.twilio.com${LIST_PATH}`);
  });

  it("with a limit: asks for that page size, and reads no page it does not need", async () => {
    const { fetch, requests } = pagedFetch(100, 5);
    const calls = await clientWith(fetch).calls.list({ limit: 5 });
    expect(calls).toHaveLength(5);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toContain("PageSize=5");
  });

  it("a limit across pages stops in the middle of one", async () => {
    const { fetch, requests } = pagedFetch(100, 3);
    const calls = await clientWith(fetch).calls.list({ limit: 7, pageSize: 3 });
    expect(calls.map((call) => call.sid)).toEqual([0, 1, 2, 3, 4, 5, 6].map(sid));
    expect(requests).toHaveLength(3);
  });

  it("a limit above Twilio's maximum page size asks for 1000 per page", async () => {
    const { fetch, requests } = pagedFetch(0, 1000);
    await clientWith(fetch).calls.list({ limit: 5000 });
    expect(requests[0]?.url).toContain("PageSize=1000");
  });

  it("pages of a client with a baseUrl path prefix stay under that prefix", async () => {
    const { fetch, requests } = pagedFetch(4, 2);
    await clientWith(fetch, { baseUrl: "http://127.0.0.1:4010/twilio" }).calls.list({
      pageSize: 2,
    });
    expect(requests[1]?.url).toBe(
      `http://127.0.0.1:4010/twilio${LIST_PATH}?PageSize=2&Page=1&PageToken=PA1`,
    );
  });

  it.each([
    "https://evil.example/steal",
    "@evil.example/steal",
    "//evil.example/steal",
    "evil.example/steal",
  ])("never follows a next_page_uri off the client's host: %s", async (uri) => {
    const { fetch, requests } = pagedFetch(4, 2, () => uri);
    // The limit ends the walk even when a path-only link ("//…") keeps leading to the first page.
    await clientWith(fetch).calls.list({ pageSize: 2, limit: 6 });
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const request of requests) expect(new URL(request.url).host).toBe("api.twilio.com");
  });

  it("a 2xx without a calls list is a TwilioApiError, not an empty list", async () => {
    const { fetch } = scriptedFetch(jsonResponse({ message: "hello" }, 200));
    const error = await clientWith(fetch)
      .calls.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toMatchObject({ status: 200, method: "GET", path: LIST_PATH });
  });

  it("list.iterate reads a page only when the one before is used up", async () => {
    const { fetch, requests } = pagedFetch(6, 2);
    const seen: string[] = [];
    for await (const call of clientWith(fetch).calls.list.iterate({ pageSize: 2 })) {
      seen.push(call.sid);
      expect(requests).toHaveLength(Math.ceil(seen.length / 2));
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2].map(sid));
    expect(requests).toHaveLength(2);
  });
});

describe("list filters are checked before any request", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an unknown status", { status: "ended" }, "status", /one of queued, ringing, in-progress/],
    [
      "an invalid Date",
      { startTime: new Date("nope") },
      "startTime",
      /valid Date or a date string/,
    ],
    ["a number for a date", { endTimeAfter: 1234 }, "endTimeAfter", /valid Date/],
    ["an empty date string", { startTimeBefore: "" }, "startTimeBefore", /valid Date/],
    ["a page size of 0", { pageSize: 0 }, "pageSize", /integer from 1 to 1000/],
    ["a page size of 1001", { pageSize: 1001 }, "pageSize", /integer from 1 to 1000/],
    ["a limit of 0", { limit: 0 }, "limit", /integer from 1/],
    ["a fractional limit", { limit: 2.5 }, "limit", /integer/],
    ["a bad parent sid", { parentCallSid: "CA1" }, "parentCallSid", /\^CA/],
    ["a number for to", { to: 15558675310 }, "to", /must be a string/],
    ["a typo", { startTimeAfer: new Date() }, "startTimeAfer", /did you mean startTimeAfter\?/],
    [
      "the wire name",
      { "StartTime>": "2020-01-01" },
      "StartTime>",
      /is not a parameter of calls.list/,
    ],
  ])("%s", async (_, params, param, rule) => {
    const { fetch, requests } = pagedFetch(1, 1);
    const error = await clientWith(fetch)
      .calls.list(params as CallListParams)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect((error as TwilioValidationError).param).toBe(param);
    expect((error as Error).message).toMatch(rule);
    expect(requests).toHaveLength(0);
  });

  it("calls.page refuses a filter by rejecting, as every other failure does, and sends nothing", async () => {
    const { fetch, requests } = pagedFetch(1, 1);
    const page = clientWith(fetch).calls.page({ pageSize: 0 });
    expect(page).toBeInstanceOf(Promise);
    const error = await page.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect((error as Error).message).toBe("pageSize: must be an integer from 1 to 1000");
    expect(requests).toHaveLength(0);
  });
});

describe("calls.each", () => {
  it("each(callback) walks every call", async () => {
    const { fetch } = pagedFetch(5, 2);
    const seen: string[] = [];
    await clientWith(fetch).calls.each((call) => {
      seen.push(call.sid);
    });
    expect(seen).toEqual([0, 1, 2, 3, 4].map(sid));
  });

  it("each(params, callback) applies the filters and the limit", async () => {
    const { fetch, requests } = pagedFetch(9, 2);
    const seen: string[] = [];
    await clientWith(fetch).calls.each({ to: "+15558675310", pageSize: 2, limit: 3 }, (call) => {
      seen.push(call.sid);
    });
    expect(seen).toEqual([0, 1, 2].map(sid));
    expect(requests).toHaveLength(2);
    expect(requests[0]?.url).toContain("To=%2B15558675310");
  });

  it("done() from the callback stops the walk; params.done hears the end", async () => {
    const { fetch, requests } = pagedFetch(9, 2);
    const seen: string[] = [];
    const ended: unknown[] = [];
    await clientWith(fetch).calls.each({
      pageSize: 2,
      callback: (call, done) => {
        seen.push(call.sid);
        if (seen.length === 3) done();
      },
      done: (error?: unknown) => ended.push(error),
    });
    expect(seen).toHaveLength(3);
    expect(requests).toHaveLength(2);
    expect(ended).toEqual([undefined]);
  });

  it("done(error) and a throwing callback reject, unless params.done takes the error", async () => {
    const { fetch } = pagedFetch(4, 2);
    const client = clientWith(fetch);
    const stop = new Error("enough");
    await expect(client.calls.each((_, done) => done(stop))).rejects.toBe(stop);
    await expect(
      client.calls.each(() => {
        throw stop;
      }),
    ).rejects.toBe(stop);
    let heard: unknown;
    await client.calls.each({
      callback: (_, done) => done(stop),
      done: (error) => (heard = error),
    });
    expect(heard).toBe(stop);
  });

  it("awaits a callback's promise before the next call", async () => {
    const { fetch } = pagedFetch(3, 3);
    const order: string[] = [];
    await clientWith(fetch).calls.each(async (call) => {
      order.push(`start ${call.sid.slice(-1)}`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`end ${call.sid.slice(-1)}`);
    });
    expect(order).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
  });

  it("refuses a missing callback before any request", async () => {
    const { fetch, requests } = pagedFetch(1, 1);
    await expect(clientWith(fetch).calls.each({ to: "+15558675310" })).rejects.toThrow(
      /^callback: must be a function$/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("calls.page", () => {
  it("reads one page; nextPage and previousPage walk the links", async () => {
    const { fetch, requests } = pagedFetch(5, 2);
    const client = clientWith(fetch);
    const first = await client.calls.page({ pageSize: 2 });
    expect(first.instances.map((call) => call.sid)).toEqual([sid(0), sid(1)]);
    expect(first.previousPageUrl).toBeUndefined();
    expect(await first.previousPage()).toBeUndefined();
    const second = await first.nextPage();
    expect(second?.instances.map((call) => call.sid)).toEqual([sid(2), sid(3)]);
    const back = await second?.previousPage();
    expect(back?.instances.map((call) => call.sid)).toEqual([sid(0), sid(1)]);
    const third = await second?.nextPage();
    expect(third?.nextPageUrl).toBeUndefined();
    expect(await third?.nextPage()).toBeUndefined();
    expect(requests).toHaveLength(4);
  });

  it("a page number is sent as Page, a page token as PageToken", async () => {
    const { fetch, requests } = pagedFetch(5, 2);
    await clientWith(fetch).calls.page({ pageNumber: 1, pageToken: "PA1", pageSize: 2 });
    expect(requests[0]?.url).toBe(
      `https://api.twilio.com${LIST_PATH}?Page=1&PageToken=PA1&PageSize=2`,
    );
  });
});
