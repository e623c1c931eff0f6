import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { callFromJson } from "../../src/calls/call.js";
import { callJson } from "./fake-fetch.js";

// The official package's own date reader, the oracle for what each date string becomes.
const { rfc2822DateTime } = createRequire(import.meta.url)("twilio/lib/base/deserialize") as {
  rfc2822DateTime: (value: unknown) => Date | null | undefined;
};

describe("dates of a Call", () => {
  it("the epoch is new Date(0), not null", () => {
    const call = callFromJson(callJson({ start_time: "Thu, 01 Jan 1970 00:00:00 +0000" }));
    expect(call.startTime).toEqual(new Date(0));
    expect(call.startTime).toEqual(rfc2822DateTime("Thu, 01 Jan 1970 00:00:00 +0000"));
  });

  it.each([
    "Tue, 31 Aug 2010 20:36:28 +0000",
    "Fri, 18 Oct 2019 17:00:00 +0000",
    "Wed, 31 Dec 1969 23:59:59 +0000",
    "Mon, 01 Jan 2035 12:00:00 +0100",
  ])("%s reads as the official package reads it", (text) => {
    expect(callFromJson(callJson({ date_created: text })).dateCreated).toEqual(
      rfc2822DateTime(text),
    );
  });

  it.each([null, undefined, "", "not a date"])("%j is null", (value) => {
    expect(callFromJson(callJson({ end_time: value })).endTime).toBeNull();
  });

  it("only the four date fields become Dates", () => {
    const call = callFromJson(callJson({ queue_time: "1000", duration: "15" }));
    expect(call.queueTime).toBe("1000");
    expect(call.duration).toBe("15");
  });

  it("a second answer with the same keys parses the same (the key names are cached)", () => {
    const json = callJson({ status: "completed" });
    expect(callFromJson(json)).toEqual(callFromJson(structuredClone(json)));
    expect(Object.keys(callFromJson(json))).toContain("subresourceUris");
  });
});
