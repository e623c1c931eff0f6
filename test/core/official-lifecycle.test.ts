import { describe, expect, it } from "vitest";
import type { CallUpdateParams } from "../../src/index.js";
import { officialFields, officialRecorder } from "./official-recorder.js";
import { CALL_EXAMPLES, EXAMPLE_CALL_SID, PAGE_EXAMPLES } from "./openapi-examples.js";

// The same operation through the official package and through ours, against one recorder: the same
// method, path, query and body multiset, and the same parsed result on Twilio's example answers.
const recorder = officialRecorder();
const { state, both } = recorder;
const CALL_PATH = `/2010-04-01/Accounts/AC${"a".repeat(32)}/Calls/${EXAMPLE_CALL_SID}.json`;

describe("calls(sid).update", () => {
  const cases: Record<string, [CallUpdateParams, string]> = {
    "cancel (Twilio's example)": [
      {
        fallbackMethod: "GET",
        fallbackUrl: "https://example.com",
        method: "GET",
        status: "canceled",
        statusCallback: "https://example.com",
        statusCallbackMethod: "GET",
        url: "https://example.com",
      },
      "cancel",
    ],
    "hang up": [{ status: "completed" }, "update"],
    "redirect to TwiML (Twilio's example)": [
      { twiml: "<Response><Say>Enjoy & <b>smile</b> — café</Say></Response>", method: "GET" },
      "posttwiml",
    ],
    "time limit (Twilio's example)": [{ timeLimit: 600 }, "updatetimelimit"],
    "redirect to a URL with a query": [
      {
        url: "https://example.com/next?a=1&b=two words",
        method: "POST",
        fallbackUrl: "https://example.com/f",
      },
      "update",
    ],
  };
  for (const [name, [params, example]] of Object.entries(cases)) {
    it(name, async () => {
      state.reply = () => ({ status: 200, body: CALL_EXAMPLES[example] });
      const { theirs, ours, theirResult, ourResult } = await both((client) =>
        client.calls(EXAMPLE_CALL_SID).update(params),
      );
      expect(theirs).toHaveLength(1);
      expect(ours).toEqual(theirs);
      expect(ours[0]).toMatchObject({ method: "POST", path: CALL_PATH });
      expect(ours[0]?.form.length).toBe(Object.keys(params).length);
      expect(ourResult).toEqual(officialFields(theirResult as object));
    });
  }

  it("covers every parameter update accepts", async () => {
    const { CALL_UPDATE_RULES } = await import("../../src/calls/call-param-rules.js");
    const covered = new Set(Object.values(cases).flatMap(([params]) => Object.keys(params)));
    expect([...covered].sort()).toEqual(Object.keys(CALL_UPDATE_RULES).sort());
  });
});

describe("calls(sid).fetch and calls(sid).remove", () => {
  it("fetch: Twilio's example", async () => {
    state.reply = () => ({ status: 200, body: CALL_EXAMPLES.fetch });
    const { theirs, ours, theirResult, ourResult } = await both((client) =>
      client.calls(EXAMPLE_CALL_SID).fetch(),
    );
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([{ method: "GET", path: CALL_PATH, query: [], form: [] }]);
    expect(ourResult).toEqual(officialFields(theirResult as object));
  });

  it("remove: DELETE, 204, resolves true", async () => {
    state.reply = () => ({ status: 204 });
    const { theirs, ours, theirResult, ourResult } = await both((client) =>
      client.calls(EXAMPLE_CALL_SID).remove(),
    );
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([{ method: "DELETE", path: CALL_PATH, query: [], form: [] }]);
    expect(theirResult).toBe(true);
    expect(ourResult).toBe(true);
  });
});

describe("calls.list, calls.each and calls.page", () => {
  const LIST_PATH = `/2010-04-01/Accounts/AC${"a".repeat(32)}/Calls.json`;
  // Three pages: Twilio's two published full pages, then a last one built from the first.
  const third = {
    ...PAGE_EXAMPLES.readFullPage1,
    calls: [{ ...PAGE_EXAMPLES.readFullPage1?.calls[0], sid: `CA${"3".repeat(32)}` }],
    page: 2,
    next_page_uri: null,
  };
  const threePages = (recorded: { query: string[] }) => {
    const page = recorded.query.find((pair) => pair.startsWith("Page="));
    const body =
      page === "Page=1"
        ? PAGE_EXAMPLES.readFullPage2
        : page === "Page=2"
          ? third
          : PAGE_EXAMPLES.readFullPage1;
    return { status: 200, body };
  };

  it("list follows next_page_uri over three pages, with the same requests and results", async () => {
    state.reply = threePages;
    const { theirs, ours, theirResult, ourResult } = await both((client) =>
      client.calls.list({ status: "completed", to: "+123456789", pageSize: 2 }),
    );
    expect(theirs).toHaveLength(3);
    expect(ours).toEqual(theirs);
    expect(ours[0]).toEqual({
      method: "GET",
      path: LIST_PATH,
      query: ["PageSize=2", "Status=completed", "To=+123456789"],
      form: [],
    });
    expect(ours[2]?.query).toContain("Page=2");
    expect((ourResult as unknown[]).length).toBe(5);
    expect(ourResult).toEqual((theirResult as object[]).map(officialFields));
  });

  it("list with a limit asks for that page size and stops there", async () => {
    state.reply = threePages;
    const { theirs, ours, theirResult, ourResult } = await both((client) =>
      client.calls.list({ status: "in-progress", limit: 3 }),
    );
    expect(ours).toEqual(theirs);
    expect(ours[0]?.query).toEqual(["PageSize=3", "Status=in-progress"]);
    expect(ourResult).toEqual((theirResult as object[]).map(officialFields));
    expect((ourResult as unknown[]).length).toBe(3);
  });

  it("every filter, Dates as the official package sends them", async () => {
    state.reply = () => ({ status: 200, body: PAGE_EXAMPLES.readEmptyDatesGreater });
    const filters = {
      to: "+123456789",
      from: "+987654321",
      parentCallSid: EXAMPLE_CALL_SID,
      status: "completed" as const,
      startTime: new Date("2008-01-02T00:00:00Z"),
      startTimeBefore: new Date("2008-01-02T13:14:15.678Z"),
      startTimeAfter: new Date(0),
      endTime: new Date("2009-01-02T23:59:59Z"),
      endTimeBefore: new Date("2009-01-02T00:00:00Z"),
      endTimeAfter: new Date("2009-01-01T00:00:00Z"),
      pageSize: 2,
    };
    // A copy each time: the official list writes callback, done and limits into its params.
    const { theirs, ours, ourResult } = await both((client) => client.calls.list({ ...filters }));
    expect(ours).toEqual(theirs);
    expect(ours[0]?.query).toEqual([
      "EndTime<=2009-01-02T00:00:00Z",
      "EndTime=2009-01-02T23:59:59Z",
      "EndTime>=2009-01-01T00:00:00Z",
      "From=+987654321",
      "PageSize=2",
      `ParentCallSid=${EXAMPLE_CALL_SID}`,
      "StartTime<=2008-01-02T13:14:15Z",
      "StartTime=2008-01-02T00:00:00Z",
      "StartTime>=1970-01-01T00:00:00Z",
      "Status=completed",
      "To=+123456789",
    ]);
    expect(ourResult).toEqual([]);
  });

  it("date strings are sent as given, as the official package does", async () => {
    state.reply = () => ({ status: 200, body: PAGE_EXAMPLES.readEmptyDateFunDateFormats });
    const { theirs, ours } = await both((client) =>
      client.calls.list({
        startTimeBefore: "06/11/2019 22:05:25 MST",
        endTimeBefore: "2019-06-11 22:05:25.000",
      }),
    );
    expect(ours).toEqual(theirs);
    expect(ours[0]?.query).toEqual([
      "EndTime<=2019-06-11 22:05:25.000",
      "StartTime<=06/11/2019 22:05:25 MST",
    ]);
  });

  it("each with a limit calls back once per call, across pages", async () => {
    state.reply = threePages;
    const seen: { theirs: string[]; ours: string[] } = { theirs: [], ours: [] };
    let side: "theirs" | "ours" = "theirs";
    const { theirs, ours } = await both(async (client) => {
      await client.calls.each({ pageSize: 2, limit: 3 }, (call) => {
        seen[side].push(call.sid);
      });
      side = "ours";
    });
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(2);
    expect(seen.ours).toEqual(seen.theirs);
    expect(seen.ours).toHaveLength(3);
  });

  it("page reads one page; nextPage the next", async () => {
    state.reply = threePages;
    const { theirs, ours, theirResult, ourResult } = await both(async (client) => {
      const first = await client.calls.page({ pageSize: 2 });
      const second = await first.nextPage();
      return [first.instances, second?.instances, first.nextPageUrl];
    });
    expect(ours).toEqual(theirs);
    expect(ours).toHaveLength(2);
    const [theirFirst, theirSecond] = theirResult as object[][];
    const [ourFirst, ourSecond, ourNextUrl] = ourResult as [object[], object[], string];
    expect(ourFirst).toEqual(theirFirst?.map(officialFields));
    expect(ourSecond).toEqual(theirSecond?.map(officialFields));
    expect(ourNextUrl).toBe(`${state.origin}${PAGE_EXAMPLES.readFullPage1?.next_page_uri}`);
  });

  it("page with a page number and token", async () => {
    state.reply = threePages;
    const { theirs, ours } = await both((client) =>
      client.calls.page({ pageSize: 2, pageNumber: 1, pageToken: "PACAaaaa" }),
    );
    expect(ours).toEqual(theirs);
    expect(ours[0]?.query).toEqual(["Page=1", "PageSize=2", "PageToken=PACAaaaa"]);
  });
});
