import { describe, expect, it } from "vitest";
import { createTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT, createRequest, TOKEN, VALID } from "./helpers.js";

const cases: [string, Record<string, string | string[]>, number][] = [
  ["To missing", { From: VALID.From, Url: VALID.Url }, 21201],
  ["From missing", { To: VALID.To, Url: VALID.Url }, 21213],
  ["To not E.164", { ...VALID, To: "4155550100" }, 21211],
  ["From not a number or client", { ...VALID, From: "hello" }, 21212],
  ["From a client when To is a phone number", { ...VALID, From: "client:alice" }, 21212],
  ["none of Url, Twiml, ApplicationSid", { To: VALID.To, From: VALID.From }, 21205],
  ["Url relative", { ...VALID, Url: "/twiml" }, 21205],
  ["Url ftp", { ...VALID, Url: "ftp://example.com/x" }, 21205],
  [
    "StatusCallback host with an underscore",
    { ...VALID, StatusCallback: "https://a_b.com/" },
    21205,
  ],
  ["ApplicationSid malformed", { To: VALID.To, From: VALID.From, ApplicationSid: "AP123" }, 21218],
  ["Timeout 0", { ...VALID, Timeout: "0" }, 21208],
  ["Timeout 601", { ...VALID, Timeout: "601" }, 21208],
  ["Timeout not an integer", { ...VALID, Timeout: "1.5" }, 21208],
  ["Method PUT", { ...VALID, Method: "PUT" }, 21209],
  ["StatusCallbackMethod put", { ...VALID, StatusCallbackMethod: "put" }, 21209],
  ["StatusCallbackEvent unknown", { ...VALID, StatusCallbackEvent: ["ringing", "hangup"] }, 20001],
  [
    "Twiml over 4000 characters",
    { To: VALID.To, From: VALID.From, Twiml: "x".repeat(4001) },
    20001,
  ],
  ["MachineDetection unknown", { ...VALID, MachineDetection: "Yes" }, 20001],
  ["TimeLimit 0", { ...VALID, TimeLimit: "0" }, 20001],
  ["TimeLimit not a number", { ...VALID, TimeLimit: "ten" }, 20001],
];

describe("emulator validation of create-call", () => {
  it.each(cases)("answers 400 with Twilio's code for %s", async (_, form, code) => {
    const twilio = createTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
    const response = await twilio.fetch(createRequest(form));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual({
      code,
      message: expect.any(String),
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status: 400,
    });
    expect(twilio.calls).toHaveLength(0);
  });

  it("names the parameter in the message", async () => {
    const twilio = createTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
    const response = await twilio.fetch(createRequest({ ...VALID, FallbackMethod: "PATCH" }));
    expect((await response.json()).message).toContain("FallbackMethod");
  });

  it.each([
    ["a client identifier", { ...VALID, To: "client:alice", From: "client:bob" }],
    ["a SIP address", { ...VALID, To: "sip:alice@example.com" }],
    [
      "inline TwiML of 4000 characters",
      { To: VALID.To, From: VALID.From, Twiml: "x".repeat(4000) },
    ],
    [
      "an ApplicationSid",
      { To: VALID.To, From: VALID.From, ApplicationSid: `AP${"a".repeat(32)}` },
    ],
    [
      "Timeout 600, TimeLimit 14400 and every event",
      {
        ...VALID,
        Timeout: "600",
        TimeLimit: "14400",
        StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      },
    ],
  ])("accepts %s", async (_, form) => {
    const twilio = createTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN });
    expect((await twilio.fetch(createRequest(form))).status).toBe(201);
  });
});
