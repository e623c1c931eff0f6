import { describe, expect, it } from "vitest";
import type { CallCreateParams, TwilioClient } from "../../src/index.js";
import { callJson } from "./fake-fetch.js";
import { officialFields, officialRecorder } from "./official-recorder.js";
import { CALL_EXAMPLES } from "./openapi-examples.js";

// A local recorder stands in for api.twilio.com for both clients; the official one is pointed at it
// through its own RequestClient with the host rewritten, so its real wire encoding is what we compare.
const { state, both } = officialRecorder();
let answer: unknown = callJson();
state.reply = () => ({ status: 201, body: answer });

const wireOf = async (params: CallCreateParams) => {
  const { theirs, ours } = await both((client: TwilioClient) => client.calls.create(params));
  expect(theirs).toHaveLength(1);
  expect(ours).toHaveLength(1);
  expect({ ...ours[0], form: [] }).toEqual({ ...theirs[0], form: [] });
  return { theirs: theirs[0]?.form ?? [], ours: ours[0]?.form ?? [] };
};

const base = { to: "+15558675310", from: "+15017122661" };
const hostileTwiml = `<Response><Say>Tom & Jerry's "<loud>" café — 日本</Say></Response>`;

const cases: Record<string, CallCreateParams> = {
  "url with a query string": { ...base, url: "https://example.com/twiml?a=1&b=two%20words&c=é" },
  "twiml with & < > \" ' and non-ASCII": { ...base, twiml: hostileTwiml },
  "application sid": { ...base, applicationSid: `AP${"0".repeat(32)}` },
  "every parameter": {
    to: "client:alice",
    from: "+15017122661",
    url: "https://example.com/voice?lang=fr&x=1",
    twiml: "<Response><Hangup/></Response>",
    applicationSid: `AP${"a".repeat(32)}`,
    method: "GET",
    fallbackUrl: "https://example.com/fallback",
    fallbackMethod: "POST",
    statusCallback: "https://example.com/status?call=1",
    statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    statusCallbackMethod: "POST",
    sendDigits: "W1234#*wABCD",
    timeout: 600,
    record: true,
    recordingChannels: "dual",
    recordingStatusCallback: "https://example.com/recording",
    recordingStatusCallbackMethod: "GET",
    recordingStatusCallbackEvent: ["in-progress", "completed", "absent"],
    recordingTrack: "inbound",
    recordingConfigurationId: "RC123",
    trim: "do-not-trim",
    sipAuthUsername: "user name",
    sipAuthPassword: "p@ss word&=",
    machineDetection: "DetectMessageEnd",
    machineDetectionTimeout: 30,
    machineDetectionSpeechThreshold: 2400,
    machineDetectionSpeechEndThreshold: 1200,
    machineDetectionSilenceTimeout: 5000,
    asyncAmd: "true",
    asyncAmdStatusCallback: "https://example.com/amd",
    asyncAmdStatusCallbackMethod: "POST",
    callerId: "Zoë Müller",
    byoc: `BY${"b".repeat(32)}`,
    callReason: "Your order ½ is ready 🚚",
    callToken: "token+with/slashes=",
    timeLimit: 3600,
    clientNotificationUrl: "https://example.com/notify",
    passports: "passport-1",
  },
  "record false and the smallest numbers": {
    ...base,
    url: "https://example.com/twiml",
    record: false,
    timeout: 1,
    timeLimit: 1,
    machineDetectionSpeechThreshold: 1000,
  },
  "one event and sip destination": {
    to: "sip:alice@example.com?X-Header=1",
    from: "+15017122661",
    url: "https://example.com/twiml",
    statusCallbackEvent: ["completed"],
    recordingStatusCallbackEvent: ["completed"],
  },
  "empty event lists": { ...base, url: "https://example.com/t", statusCallbackEvent: [] },
};

describe("wire body equals the official package's", () => {
  for (const [name, params] of Object.entries(cases)) {
    it(name, async () => {
      const { theirs, ours } = await wireOf(params);
      expect(ours).toEqual(theirs);
      expect(ours.length).toBeGreaterThanOrEqual(3);
    });
  }

  it("covers every parameter the client accepts", async () => {
    const { CALL_CREATE_RULES } = await import("../../src/calls/call-param-rules.js");
    const covered = new Set(Object.values(cases).flatMap((params) => Object.keys(params)));
    expect([...covered].sort()).toEqual(Object.keys(CALL_CREATE_RULES).sort());
  });
});

describe("parsed result equals the official package's", () => {
  const fullCall = callJson({
    status: "completed",
    start_time: "Tue, 31 Aug 2010 20:36:29 +0000",
    end_time: "Tue, 31 Aug 2010 20:36:44 +0000",
    duration: "15",
    price: "-0.03000",
    answered_by: "human",
    queue_time: "1000",
  });
  const answers = {
    queued: callJson(),
    completed: fullCall,
    "Twilio's create example": CALL_EXAMPLES.create,
    "Twilio's create-with-TwiML example": CALL_EXAMPLES.createWithTwiml,
  };
  for (const [name, json] of Object.entries(answers)) {
    it(name, async () => {
      answer = json;
      const { theirResult, ourResult } = await both((client) =>
        client.calls.create({ ...base, url: "https://example.com/t" }),
      );
      const ours = ourResult as Record<string, unknown>;
      expect(ours).toEqual(officialFields(theirResult as object));
      expect(ours.dateCreated).toBeInstanceOf(Date);
      expect(typeof ours.subresourceUris).toBe("object");
    });
  }
});
