import { describe, expect, it } from "vitest";
import {
  ACCOUNT,
  BASE,
  basic,
  CALLS,
  callUrl,
  createRequest,
  emulatorWithReceiver,
  getRequest,
  TOKEN,
  updateRequest,
  VALID,
} from "./helpers.js";

const PATH = `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;
const auth = { Authorization: basic(ACCOUNT, TOKEN) };
const listRequest = (query = "") => new Request(`${CALLS}${query}`, { headers: auth });
const deleteRequest = (sid: string) =>
  new Request(callUrl(sid), { method: "DELETE", headers: auth });

/** A manual emulator whose clock the test sets before each create. */
const clocked = () => {
  let clock = Date.UTC(2024, 2, 1, 12, 0, 0);
  const setup = emulatorWithReceiver({ stepMs: "manual", now: () => clock });
  const at = (iso: string) => {
    clock = Date.parse(iso);
  };
  const create = async (form: Record<string, string> = {}) =>
    (await (await setup.emulator.fetch(createRequest({ ...VALID, ...form }))).json()).sid as string;
  const list = async (query = "") => {
    const response = await setup.emulator.fetch(listRequest(query));
    return { status: response.status, body: await response.json() };
  };
  return { ...setup, at, create, list };
};

describe("emulator: delete a call", () => {
  it("deletes a call that ended: 204 with no body, then 404 and gone from the list", async () => {
    const { emulator, create, list } = clocked();
    const sid = await create();
    for (let i = 0; i < 4; i++) await emulator.advance();
    const response = await emulator.fetch(deleteRequest(sid));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(response.headers.get("twilio-request-id")).toMatch(/^RQ[0-9a-f]{32}$/);
    expect((await emulator.fetch(getRequest(sid))).status).toBe(404);
    expect((await list()).body.calls).toEqual([]);
    expect(emulator.calls).toEqual([]);
  });

  it.each([
    ["queued", 0],
    ["ringing", 2],
    ["in-progress", 3],
  ])("refuses to delete a %s call with 20009, keeping it", async (status, steps) => {
    const { emulator, create } = clocked();
    const sid = await create({ To: "+14155550106" });
    for (let i = 0; i < steps; i++) await emulator.advance();
    const response = await emulator.fetch(deleteRequest(sid));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 20009,
      message: "Cannot delete this resource before it is complete",
      more_info: "https://www.twilio.com/docs/errors/20009",
      status: 400,
    });
    expect((await (await emulator.fetch(getRequest(sid))).json()).status).toBe(status);
  });

  it("deletes a call once it was canceled", async () => {
    const { emulator, create } = clocked();
    const sid = await create();
    await emulator.fetch(updateRequest(sid, { Status: "canceled" }));
    expect((await emulator.fetch(deleteRequest(sid))).status).toBe(204);
  });

  it("answers 404 20404 for an unknown call", async () => {
    const { emulator } = clocked();
    const response = await emulator.fetch(deleteRequest(`CA${"1".repeat(32)}`));
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe(20404);
  });

  it("answers 405 with every method a call resource takes", async () => {
    const { emulator, create } = clocked();
    const sid = await create();
    const response = await emulator.fetch(
      new Request(callUrl(sid), { method: "PUT", headers: auth }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, POST, DELETE");
  });
});

describe("emulator: list calls", () => {
  it("answers Twilio's page shape, newest first, 50 a page by default", async () => {
    const { create, list, at } = clocked();
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) {
      at(`2024-03-01T12:00:0${i}Z`);
      sids.push(await create());
    }
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body).toEqual({
      calls: expect.any(Array),
      end: 2,
      first_page_uri: `${PATH}?PageSize=50&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: 50,
      previous_page_uri: null,
      start: 0,
      uri: `${PATH}?PageSize=50&Page=0`,
    });
    expect(body.calls.map((call: { sid: string }) => call.sid)).toEqual([...sids].reverse());
    expect(body.calls[0]).toMatchObject({
      to: VALID.To,
      status: "queued",
      direction: "outbound-api",
    });
  });

  it("keeps the newest first among calls created in the same second", async () => {
    const { create, list } = clocked();
    const first = await create();
    const second = await create();
    const { body } = await list();
    expect(body.calls.map((call: { sid: string }) => call.sid)).toEqual([second, first]);
  });

  it("pages with PageSize, following next_page_uri and previous_page_uri as given", async () => {
    const { emulator, create, at } = clocked();
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) {
      at(`2024-03-01T12:00:0${i}Z`);
      sids.push(await create({ To: `+1415555020${i}` }));
    }
    const newest = [...sids].reverse();
    const pages: { sids: string[]; body: Record<string, unknown> }[] = [];
    let next: string | null = `${PATH}?PageSize=2`;
    while (next) {
      const response = await emulator.fetch(new Request(`${BASE}${next}`, { headers: auth }));
      const body = await response.json();
      pages.push({ sids: body.calls.map((call: { sid: string }) => call.sid), body });
      next = body.next_page_uri;
    }
    expect(pages.map((page) => page.sids)).toEqual([
      newest.slice(0, 2),
      newest.slice(2, 4),
      newest.slice(4),
    ]);
    expect(pages.map((page) => [page.body.page, page.body.start, page.body.end])).toEqual([
      [0, 0, 1],
      [1, 2, 3],
      [2, 4, 4],
    ]);
    expect(pages[0]?.body.next_page_uri).toBe(`${PATH}?PageSize=2&Page=1&PageToken=PA${newest[1]}`);
    expect(pages[2]?.body.previous_page_uri).toBe(
      `${PATH}?PageSize=2&Page=1&PageToken=PB${newest[4]}`,
    );
    const back = await emulator.fetch(
      new Request(`${BASE}${pages[2]?.body.previous_page_uri}`, { headers: auth }),
    );
    const previous = await back.json();
    expect(previous.calls.map((call: { sid: string }) => call.sid)).toEqual(newest.slice(2, 4));
  });

  it("keeps a page stable when newer calls arrive while paging by token", async () => {
    const { emulator, create, at, list } = clocked();
    const sids: string[] = [];
    for (let i = 0; i < 4; i++) {
      at(`2024-03-01T12:00:0${i}Z`);
      sids.push(await create());
    }
    const { body: first } = await list("?PageSize=2");
    at("2024-03-01T12:00:09Z");
    await create();
    const response = await emulator.fetch(
      new Request(`${BASE}${first.next_page_uri}`, { headers: auth }),
    );
    const second = await response.json();
    expect(second.calls.map((call: { sid: string }) => call.sid)).toEqual([sids[1], sids[0]]);
  });

  it("filters by To, From, Status and repeats the filters in its page URIs", async () => {
    const { emulator, create, list } = clocked();
    const wanted = await create({ To: "+14155550106", From: "+14155550198" });
    await create({ To: "+14155550106" });
    await create({ From: "+14155550198" });
    for (let i = 0; i < 4; i++) await emulator.advance();
    const query = `?To=${encodeURIComponent("+14155550106")}&From=${encodeURIComponent("+14155550198")}&Status=in-progress`;
    const { body } = await list(query);
    expect(body.calls.map((call: { sid: string }) => call.sid)).toEqual([wanted]);
    expect(body.uri).toBe(
      `${PATH}?To=%2B14155550106&From=%2B14155550198&Status=in-progress&PageSize=50&Page=0`,
    );
    expect((await list("?Status=completed")).body.calls).toHaveLength(1);
    expect((await list("?ParentCallSid=CA0000000000000000000000000000000a")).body.calls).toEqual(
      [],
    );
  });

  it("filters on start and end times: a day, before it, on or after an instant", async () => {
    const { emulator, create, list, at } = clocked();
    const calls: Record<string, string> = {};
    for (const [name, iso] of [
      ["feb29", "2024-02-29T23:59:50Z"],
      ["mar1", "2024-03-01T10:00:00Z"],
      ["mar2", "2024-03-02T08:30:00Z"],
    ] as const) {
      at(iso);
      calls[name] = await create();
      for (let i = 0; i < 4; i++) await emulator.advance();
    }
    const sids = async (query: string) =>
      (await list(query)).body.calls.map((call: { sid: string }) => call.sid);
    expect(await sids("?StartTime=2024-03-01")).toEqual([calls.mar1]);
    expect(await sids(`?${new URLSearchParams({ "StartTime<": "2024-03-01" })}`)).toEqual([
      calls.feb29,
    ]);
    expect(await sids(`?${new URLSearchParams({ "StartTime>": "2024-03-01T10:00:00Z" })}`)).toEqual(
      [calls.mar2, calls.mar1],
    );
    expect(await sids(`?${new URLSearchParams({ "EndTime>": "2024-03-02" })}`)).toEqual([
      calls.mar2,
    ]);
    expect(await sids("?EndTime=2024-02-29")).toEqual([calls.feb29]);
  });

  it("leaves out calls without a start time from a StartTime filter", async () => {
    const { create, list } = clocked();
    await create();
    expect((await list("?StartTime=2024-03-01")).body.calls).toEqual([]);
  });

  it.each([
    ["PageSize 0", "?PageSize=0", "PageSize"],
    ["PageSize 1001", "?PageSize=1001", "PageSize"],
    ["Page -1", "?Page=-1", "Page"],
    ["Status unknown", "?Status=ended", "Status"],
    [
      "StartTime> not a date",
      `?${new URLSearchParams({ "StartTime>": "yesterday" })}`,
      "StartTime>",
    ],
    ["PageToken malformed", "?PageToken=PAxyz", "PageToken"],
  ])("refuses %s with 400 naming the parameter", async (_, query, name) => {
    const { list } = clocked();
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 20001, status: 400 });
    expect(body.message).toContain(name);
  });

  it("accepts PageSize 1000", async () => {
    const { list } = clocked();
    expect((await list("?PageSize=1000")).body.page_size).toBe(1000);
  });
});
