import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/index.js";
import { attemptCreate } from "./fake-fetch.js";

const base = { to: "+15558675310", from: "+15017122661", url: "https://example.com/t" };

const refused = async (params: unknown, param: string, rule: RegExp) => {
  const { requests, error } = await attemptCreate(params);
  expect(error).toBeInstanceOf(TwilioValidationError);
  expect((error as TwilioValidationError).param).toBe(param);
  expect((error as Error).message).toMatch(rule);
  expect((error as Error).message).toContain(param);
  expect(requests).toHaveLength(0);
};

describe("refused before any request, naming the parameter and the rule", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["missing to", { from: base.from, url: base.url }, "to", /non-empty string/],
    ["blank to", { ...base, to: "   " }, "to", /non-empty string/],
    ["missing from", { to: base.to, url: base.url }, "from", /non-empty string/],
    ["empty from", { ...base, from: "" }, "from", /non-empty string/],
    ["twiml over 4000", { ...base, twiml: "x".repeat(4001) }, "twiml", /4000/],
    ["twiml a number", { ...base, twiml: 42 }, "twiml", /string or a TwiML builder/],
    ["twiml a plain object", { ...base, twiml: { a: 1 } }, "twiml", /string or a TwiML builder/],
    ["sendDigits over 32", { ...base, sendDigits: "1".repeat(33) }, "sendDigits", /32/],
    ["sendDigits bad char", { ...base, sendDigits: "12E" }, "sendDigits", /0-9 A B C D # \* w W/],
    ["timeout 0", { ...base, timeout: 0 }, "timeout", /integer from 1 to 600/],
    ["timeout 601", { ...base, timeout: 601 }, "timeout", /integer from 1 to 600/],
    ["timeout fraction", { ...base, timeout: 10.5 }, "timeout", /integer/],
    ["timeout string", { ...base, timeout: "10" }, "timeout", /integer/],
    [
      "speech threshold 999",
      { ...base, machineDetectionSpeechThreshold: 999 },
      "machineDetectionSpeechThreshold",
      /1000 to 6000/,
    ],
    [
      "speech threshold 6001",
      { ...base, machineDetectionSpeechThreshold: 6001 },
      "machineDetectionSpeechThreshold",
      /1000 to 6000/,
    ],
    [
      "speech end 499",
      { ...base, machineDetectionSpeechEndThreshold: 499 },
      "machineDetectionSpeechEndThreshold",
      /500 to 5000/,
    ],
    [
      "silence 10001",
      { ...base, machineDetectionSilenceTimeout: 10001 },
      "machineDetectionSilenceTimeout",
      /2000 to 10000/,
    ],
    [
      "machine timeout 0",
      { ...base, machineDetectionTimeout: 0 },
      "machineDetectionTimeout",
      /integer from 1 to 2147483647/,
    ],
    ["timeLimit -5", { ...base, timeLimit: -5 }, "timeLimit", /integer from 1 to 2147483647/],
    [
      "applicationSid",
      { ...base, applicationSid: "AP123" },
      "applicationSid",
      /\^AP\[0-9a-fA-F\]\{32\}\$/,
    ],
    ["byoc", { ...base, byoc: `AP${"0".repeat(32)}` }, "byoc", /\^BY/],
    ["method PUT", { ...base, method: "PUT" }, "method", /one of GET, POST/],
    [
      "lower-case get",
      { ...base, statusCallbackMethod: "get" },
      "statusCallbackMethod",
      /GET, POST/,
    ],
    ["fallbackMethod", { ...base, fallbackMethod: "DELETE" }, "fallbackMethod", /GET, POST/],
    [
      "recordingStatusCallbackMethod",
      { ...base, recordingStatusCallbackMethod: 1 },
      "recordingStatusCallbackMethod",
      /GET, POST/,
    ],
    [
      "asyncAmdStatusCallbackMethod",
      { ...base, asyncAmdStatusCallbackMethod: "" },
      "asyncAmdStatusCallbackMethod",
      /GET, POST/,
    ],
    [
      "status event",
      { ...base, statusCallbackEvent: ["initiated", "done"] },
      "statusCallbackEvent",
      /initiated, ringing, answered, completed/,
    ],
    [
      "recording event",
      { ...base, recordingStatusCallbackEvent: ["paused"] },
      "recordingStatusCallbackEvent",
      /in-progress, completed, absent/,
    ],
    [
      "recordingChannels",
      { ...base, recordingChannels: "stereo" },
      "recordingChannels",
      /mono, dual/,
    ],
    [
      "recordingTrack",
      { ...base, recordingTrack: "all" },
      "recordingTrack",
      /inbound, outbound, both/,
    ],
    ["trim", { ...base, trim: "yes" }, "trim", /trim-silence, do-not-trim/],
    [
      "machineDetection",
      { ...base, machineDetection: "enable" },
      "machineDetection",
      /Enable, DetectMessageEnd/,
    ],
    ["asyncAmd boolean", { ...base, asyncAmd: true }, "asyncAmd", /true, false/],
    ["record string", { ...base, record: "true" }, "record", /true or false/],
    ["relative url", { ...base, url: "/twiml" }, "url", /absolute http\(s\) URL/],
    ["ftp url", { ...base, fallbackUrl: "ftp://example.com/x" }, "fallbackUrl", /http\(s\)/],
    [
      "javascript url",
      { ...base, recordingStatusCallback: "javascript:alert(1)" },
      "recordingStatusCallback",
      /http\(s\)/,
    ],
    [
      "amd callback",
      { ...base, asyncAmdStatusCallback: "example.com/amd" },
      "asyncAmdStatusCallback",
      /absolute/,
    ],
    [
      "notification url",
      { ...base, clientNotificationUrl: "nope" },
      "clientNotificationUrl",
      /absolute/,
    ],
    [
      "underscore host",
      { ...base, statusCallback: "https://my_app.example.com/s" },
      "statusCallback",
      /underscores/,
    ],
    [
      "typo",
      { ...base, statusCalback: "https://example.com/s" },
      "statusCalback",
      /is not a parameter of calls.create; did you mean statusCallback\?/,
    ],
    ["PascalCase", { ...base, Url: "https://example.com/t" }, "Url", /did you mean url\?/],
    ["snake_case", { ...base, send_digits: "1" }, "send_digits", /did you mean sendDigits\?/],
    ["far from any name", { ...base, logLevel: "debug" }, "logLevel", /calls.create$/],
    ["callerId number", { ...base, callerId: 15017122661 }, "callerId", /must be a string/],
    ["null is not absence", { ...base, callReason: null }, "callReason", /must be a string/],
  ])("%s", async (_, params, param, rule) => {
    await refused(params, param, rule);
  });

  it("refuses params that are not an object", async () => {
    await refused(null, "to", /non-empty string/);
    await refused("+15558675310", "to", /non-empty string/);
  });

  it.each([
    ["callerId", "caf\uD83D"],
    ["callReason", "\uDC00 reason"],
    ["twiml", "<Response><Say>\uD800</Say></Response>"],
    ["to", "client:al\uDFFFice"],
  ])(
    "refuses a lone surrogate in %s rather than send U+FFFD in its place",
    async (param, value) => {
      await refused({ ...base, [param]: value }, param, /lone surrogate/);
    },
  );

  it("never shows the value of sipAuthPassword", async () => {
    const { error } = await attemptCreate({ ...base, sipAuthPassword: 12345678 });
    expect((error as Error).message).not.toContain("12345678");
  });
});

describe("valid edge values pass and are sent", () => {
  it.each<[string, Record<string, unknown>]>([
    ["timeout 1", { ...base, timeout: 1 }],
    ["timeout 600", { ...base, timeout: 600 }],
    [
      "twiml of exactly 4000 characters",
      { to: base.to, from: base.from, twiml: `<Response>${"x".repeat(3979)}</Response>` },
    ],
    ["32 valid digits", { ...base, sendDigits: "0123456789ABCD#*wW0123456789ABCD" }],
    ["client: destination", { ...base, to: "client:alice" }],
    ["sip: destination", { ...base, to: "sip:alice@example.com" }],
    [
      "thresholds at their bounds",
      {
        ...base,
        machineDetectionSpeechThreshold: 6000,
        machineDetectionSpeechEndThreshold: 500,
        machineDetectionSilenceTimeout: 10000,
      },
    ],
    ["undefined optional values are skipped", { ...base, method: undefined, record: undefined }],
    ["a single event given as a string", { ...base, statusCallbackEvent: "completed" }],
  ])("%s", async (_, params) => {
    const { requests, error } = await attemptCreate(params);
    expect(error).toBeUndefined();
    expect(requests).toHaveLength(1);
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) {
        expect(
          requests[0]?.form.some(([formKey]) => formKey.toLowerCase() === key.toLowerCase()),
        ).toBe(false);
      }
    }
  });

  it("twiml of exactly 4000 characters is sent whole", async () => {
    const twiml = `<Response>${"x".repeat(3979)}</Response>`;
    expect(twiml).toHaveLength(4000);
    const { requests } = await attemptCreate({ to: base.to, from: base.from, twiml });
    expect(requests[0]?.form).toContainEqual(["Twiml", twiml]);
  });
});

describe("the did-you-mean names the nearest parameter", () => {
  it.each([
    ["statusCallbackMethd", "statusCallbackMethod"],
    ["recordingStatusCallbackEvnt", "recordingStatusCallbackEvent"],
    ["timelimit", "timeLimit"],
    ["machineDetectionTimout", "machineDetectionTimeout"],
  ])("%s: did you mean %s?", async (typo, meant) => {
    const { error } = await attemptCreate({ ...base, [typo]: "x" });
    expect((error as Error).message).toBe(
      `${typo}: is not a parameter of calls.create; did you mean ${meant}?`,
    );
  });
});
