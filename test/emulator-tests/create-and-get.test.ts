import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import {
  ACCOUNT,
  BASE,
  createRequest,
  emulatorWithReceiver,
  getRequest,
  VALID,
} from "./helpers.js";

const RFC2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

describe("emulator create and fetch", () => {
  it("answers 201 with every field of the Call resource, status queued", async () => {
    const now = Date.UTC(2010, 7, 31, 20, 36, 28);
    const { emulator } = emulatorWithReceiver({ now: () => now, stepMs: "manual" });
    const response = await emulator.fetch(createRequest(VALID));
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const call = await response.json();
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    const base = `/2010-04-01/Accounts/${ACCOUNT}/Calls/${call.sid}`;
    expect(call).toEqual({
      sid: call.sid,
      date_created: "Tue, 31 Aug 2010 20:36:28 +0000",
      date_updated: "Tue, 31 Aug 2010 20:36:28 +0000",
      parent_call_sid: null,
      account_sid: ACCOUNT,
      to: "+14155550100",
      to_formatted: "(415) 555-0100",
      from: "+14155550199",
      from_formatted: "(415) 555-0199",
      phone_number_sid: null,
      status: "queued",
      start_time: null,
      end_time: null,
      duration: null,
      price: null,
      price_unit: "USD",
      direction: "outbound-api",
      answered_by: null,
      api_version: "2010-04-01",
      forwarded_from: null,
      group_sid: null,
      caller_name: null,
      queue_time: "0",
      trunk_sid: null,
      uri: `${base}.json`,
      subresource_uris: {
        notifications: `${base}/Notifications.json`,
        recordings: `${base}/Recordings.json`,
        payments: `${base}/Payments.json`,
        events: `${base}/Events.json`,
        siprec: `${base}/Siprec.json`,
        streams: `${base}/Streams.json`,
        transcriptions: `${base}/Transcriptions.json`,
        user_defined_message_subscriptions: `${base}/UserDefinedMessageSubscriptions.json`,
        user_defined_messages: `${base}/UserDefinedMessages.json`,
      },
    });
  });

  it("GET returns the latest state as the call progresses", async () => {
    let now = Date.UTC(2024, 0, 2, 3, 4, 5);
    const { emulator } = emulatorWithReceiver({ now: () => now, stepMs: "manual" });
    const { sid } = await (await emulator.fetch(createRequest(VALID))).json();
    const statuses = [];
    for (let step = 0; step < 4; step++) {
      now += 10_000;
      await emulator.advance();
      statuses.push((await (await emulator.fetch(getRequest(sid))).json()).status);
    }
    expect(statuses).toEqual(["queued", "ringing", "in-progress", "completed"]);
    const done = await (await emulator.fetch(getRequest(sid))).json();
    expect(done.start_time).toBe("Tue, 02 Jan 2024 03:04:35 +0000");
    expect(done.end_time).toBe("Tue, 02 Jan 2024 03:04:45 +0000");
    expect(done.duration).toBe("10");
    expect(done.date_updated).toMatch(RFC2822);
  });

  it("answers 404 20404 for an unknown call SID", async () => {
    const { emulator } = emulatorWithReceiver();
    const response = await emulator.fetch(getRequest(`CA${"0".repeat(32)}`));
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ code: 20404, status: 404 });
    expect(body.message).toMatch(/^The requested resource .* was not found$/);
  });

  it("forgets everything on reset", async () => {
    const { emulator } = emulatorWithReceiver();
    await emulator.fetch(createRequest(VALID));
    emulator.reset();
    expect(emulator.calls).toEqual([]);
    expect(emulator.requests).toEqual([]);
  });

  it("serves the core client: create and get come back parsed", async () => {
    const { emulator } = emulatorWithReceiver({ stepMs: "manual" });
    const twilio = createClient({
      accountSid: ACCOUNT,
      authToken: "test-auth-token",
      baseUrl: BASE,
      fetch: (url, init) => emulator.fetch(new Request(url, init)),
    });
    const created = await twilio.calls.create({ to: VALID.To, from: VALID.From, url: VALID.Url });
    expect(created).toMatchObject({ status: "queued", to: VALID.To, direction: "outbound-api" });
    expect(created.dateCreated).toBeInstanceOf(Date);
    await emulator.advance();
    await emulator.advance();
    const fetched = await twilio.calls.get(created.sid);
    expect(fetched.sid).toBe(created.sid);
    expect(fetched.status).toBe("ringing");
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "POST 201",
      "GET 200",
    ]);
  });
});
