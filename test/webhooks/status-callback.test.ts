import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/shared/errors.js";
import { parseCallStatusCallback } from "../../src/webhooks/index.js";

const base = {
  CallSid: "CA0123456789abcdef0123456789abcdef",
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  CallStatus: "in-progress",
};

describe("parseCallStatusCallback", () => {
  it("types Twilio's parameters in camelCase and keeps unknown ones as strings", () => {
    const parsed = parseCallStatusCallback(
      new URLSearchParams({
        ...base,
        CallStatus: "completed",
        From: "+15017122661",
        To: "+15558675310",
        Direction: "outbound-api",
        ApiVersion: "2010-04-01",
        ParentCallSid: "CAffffffffffffffffffffffffffffffff",
        CallDuration: "42",
        Timestamp: "Thu, 01 Jan 1970 00:00:00 +0000",
        SequenceNumber: "0",
        CallbackSource: "call-progress-events",
        SipResponseCode: "200",
        AnsweredBy: "human",
        RecordingUrl: "https://api.twilio.com/rec",
        RecordingSid: "RE0123",
        RecordingDuration: "7",
        ToCity: "SAN FRANCISCO",
      }),
    );
    expect(parsed).toEqual({
      callSid: base.CallSid,
      accountSid: base.AccountSid,
      callStatus: "completed",
      from: "+15017122661",
      to: "+15558675310",
      direction: "outbound-api",
      apiVersion: "2010-04-01",
      parentCallSid: "CAffffffffffffffffffffffffffffffff",
      callDuration: 42,
      timestamp: new Date(0),
      sequenceNumber: 0,
      callbackSource: "call-progress-events",
      sipResponseCode: 200,
      answeredBy: "human",
      recordingUrl: "https://api.twilio.com/rec",
      recordingSid: "RE0123",
      recordingDuration: 7,
      toCity: "SAN FRANCISCO",
    });
  });

  it("reads a plain object too, taking the last of repeated values", () => {
    expect(
      parseCallStatusCallback({ ...base, CallStatus: ["ringing", "initiated"] }).callStatus,
    ).toBe("initiated");
  });

  it("checks the value it returns when a key repeats: a valid CallSid first cannot cover a forged one", () => {
    const form = new URLSearchParams(base);
    form.append("CallSid", "CA0123' OR 1=1 --");
    expect(() => parseCallStatusCallback(form)).toThrow(TwilioValidationError);
    const fine = new URLSearchParams({ ...base, CallSid: "CAffffffffffffffffffffffffffffffff" });
    fine.append("CallSid", base.CallSid);
    expect(parseCallStatusCallback(fine).callSid).toBe(base.CallSid);
  });

  it.each([
    ["CallSid", { ...base, CallSid: "XX123" }],
    ["CallSid", { AccountSid: base.AccountSid, CallStatus: "ringing" }],
    ["AccountSid", { ...base, AccountSid: "" }],
    ["CallStatus", { ...base, CallStatus: "exploded" }],
    ["CallDuration", { ...base, CallDuration: "-3" }],
    ["SequenceNumber", { ...base, SequenceNumber: "1e3" }],
    ["Timestamp", { ...base, Timestamp: "yesterday-ish" }],
  ])("refuses a bad %s, naming it", (param, params) => {
    let error: unknown;
    try {
      parseCallStatusCallback(params);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TwilioValidationError);
    expect((error as TwilioValidationError).param).toBe(param);
  });
});
