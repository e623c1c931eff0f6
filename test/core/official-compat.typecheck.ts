// Compiled by `npm run typecheck`, never run: code written for the official package's
// `client.calls.create(...)` must compile unchanged against this client's types.
import { createClient } from "../../src/index.js";

const client = createClient({ accountSid: "AC00000000000000000000000000000000", authToken: "x" });

export const officialSnippets = async () => {
  // From Twilio's "make an outbound call" quick start.
  const call = await client.calls.create({
    from: "+15017122661",
    to: "+14155551212",
    url: "http://demo.twilio.com/docs/voice.xml",
  });
  const sid: string = call.sid;
  const created: Date | null = call.dateCreated;
  const duration: string | null = call.duration;

  // Status callbacks with several events.
  await client.calls.create({
    method: "GET",
    statusCallback: "https://www.myapp.com/events",
    statusCallbackEvent: ["initiated", "answered"],
    statusCallbackMethod: "POST",
    url: "http://demo.twilio.com/docs/voice.xml",
    to: "+14155551212",
    from: "+18668675310",
  });

  // Inline TwiML, recording and answering machine detection.
  await client.calls.create({
    twiml: "<Response><Say>Ahoy, World!</Say></Response>",
    to: "+14155551212",
    from: "+15017122661",
    record: true,
    recordingChannels: "dual",
    recordingStatusCallbackEvent: ["in-progress", "completed"],
    machineDetection: "Enable",
    machineDetectionTimeout: 15,
    asyncAmd: "true",
    asyncAmdStatusCallback: "https://www.myapp.com/amd",
    timeout: 30,
    timeLimit: 600,
    sendDigits: "ww1234#",
    trim: "trim-silence",
  });
  return { sid, created, duration };
};

export const typosDoNotCompile = () =>
  client.calls.create({
    to: "+14155551212",
    from: "+15017122661",
    // @ts-expect-error a typo is refused by the types, as it is at run time
    statusCalback: "https://www.myapp.com/events",
  });

export const wrongEnumDoesNotCompile = () =>
  client.calls.create({
    to: "+14155551212",
    from: "+15017122661",
    // @ts-expect-error enumerations are string-literal unions
    method: "PUT",
  });
