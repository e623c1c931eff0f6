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

// The call's whole life, as Twilio's docs write it for the official package.
export const lifecycleSnippets = async (sid: string, to: string) => {
  const canceled = await client.calls(sid).update({ status: "canceled" });
  const completed = await client.calls(sid).update({ status: "completed" });
  await client.calls(sid).update({ twiml: "<Response><Say>Ahoy there</Say></Response>" });
  await client.calls(sid).update({ method: "POST", url: "http://demo.twilio.com/docs/voice.xml" });
  const fetched = await client.calls(sid).fetch();
  const removed: boolean = await client.calls(sid).remove();

  const calls = await client.calls.list({ status: "in-progress", limit: 20 });
  for (const c of calls) console.log(c.sid);
  await client.calls.list({ startTimeAfter: new Date(Date.UTC(2009, 6, 6, 0, 0, 0)), limit: 20 });
  await client.calls.list({ to: "+15558675310", from: "+15017122661", pageSize: 100 });
  await client.calls.list();
  await client.calls.each({ to }, (call) => console.log(call.sid));
  await client.calls.each((call, done) => {
    if (call.status === "completed") done();
  });
  await client.calls.each({
    status: "completed",
    limit: 5,
    callback: (call) => console.log(call.sid),
    done: (error) => console.log(error),
  });
  const page = await client.calls.page({ pageSize: 10 });
  const next = await page.nextPage();
  const items = next?.instances ?? page.instances;
  for await (const call of client.calls.list.iterate({ to })) console.log(call.sid);
  const byGet = await client.calls.get(sid);
  return { canceled, completed, fetched, removed, items, byGet };
};

export const updateTyposDoNotCompile = (sid: string) =>
  // @ts-expect-error only canceled and completed can be set
  client.calls(sid).update({ status: "in-progress" });

export const updateCreateOnlyDoesNotCompile = (sid: string) =>
  // @ts-expect-error `to` is not a parameter of update
  client.calls(sid).update({ to: "+14155551212" });
