import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedEmulator, serveTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT, KEY, SECRET, TOKEN } from "./helpers.js";

// The official package, pointed at the served emulator through its own RequestClient (only the host
// is rewritten), so the emulator sees the official wire format for update, remove and list, paging
// included: next_page_uri comes back to it as an absolute api.twilio.com URL.
let served: ServedEmulator;
let clock = Date.UTC(2024, 5, 1, 9, 0, 0);

beforeAll(async () => {
  served = await serveTwilioEmulator({
    accountSid: ACCOUNT,
    authToken: TOKEN,
    apiKey: KEY,
    apiSecret: SECRET,
    stepMs: "manual",
    now: () => clock,
  });
});
afterAll(() => served.close());

const official = () => {
  const real = new twilio.RequestClient();
  return twilio(KEY, SECRET, {
    accountSid: ACCOUNT,
    httpClient: {
      request: (options: Parameters<typeof real.request>[0]) =>
        real.request({
          ...options,
          uri: options.uri.replace("https://api.twilio.com", served.url),
        }),
    } as unknown as typeof real,
  });
};

describe("the official twilio package against the emulator", () => {
  it("cancels, hangs up, removes and lists calls with the official methods", async () => {
    const client = official();
    const base = { from: "+14155550199", url: "https://example.com/twiml" };
    const ringing = await client.calls.create({ ...base, to: "+14155550105" });
    clock += 1000;
    const live = await client.calls.create({ ...base, to: "+14155550106" });
    clock += 1000;
    const others = [];
    for (let i = 0; i < 3; i++) {
      others.push(await client.calls.create({ ...base, to: "+14155550100" }));
      clock += 1000;
    }
    for (let i = 0; i < 3; i++) await served.emulator.advance();

    expect((await client.calls(ringing.sid).fetch()).status).toBe("ringing");
    const canceled = await client.calls(ringing.sid).update({ status: "canceled" });
    expect(canceled.status).toBe("canceled");
    const answered = await client.calls(live.sid).fetch();
    expect(answered.status).toBe("in-progress");
    const hungUp = await client.calls(live.sid).update({ status: "completed" });
    expect(hungUp).toMatchObject({ status: "completed", duration: "0" });
    expect(hungUp.endTime).toBeInstanceOf(Date);

    const refused = await client
      .calls(live.sid)
      .update({ url: "https://example.com/next" })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, code: 21220 });

    const stillLive = await client
      .calls(others[0]?.sid ?? "")
      .remove()
      .catch((error: unknown) => error);
    expect(stillLive).toMatchObject({ status: 400, code: 20009 });
    expect(await client.calls(ringing.sid).remove()).toBe(true);

    const all = await client.calls.list({ pageSize: 2 });
    expect(all.map((call) => call.sid)).toEqual(
      [live, ...others].map((call) => call.sid).reverse(),
    );
    const normal = await client.calls.list({ to: "+14155550100", limit: 2, pageSize: 1 });
    expect(normal.map((call) => call.sid)).toEqual([others[2]?.sid, others[1]?.sid]);
    const later = await client.calls.list({
      startTimeAfter: new Date(Date.UTC(2024, 5, 1, 9, 0, 3)),
      status: "in-progress",
    });
    expect(later.map((call) => call.sid)).toEqual([others[2]?.sid, others[1]?.sid, others[0]?.sid]);
    const lists = served.emulator.requests.filter(
      (r) => r.method === "GET" && r.path.endsWith("Calls.json"),
    );
    expect(lists.some((r) => r.query.get("StartTime>") === "2024-06-01T09:00:03Z")).toBe(true);
  });
});
