import { afterEach, describe, expect, it } from "vitest";
import { createClient, TwilioApiError } from "../../src/index.js";
import { createTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./fake-fetch.js";

// The whole life of calls against the stateful emulator, in process: its `fetch` is the client's.
// Steps are manual, so each call is exactly where the test put it.
const emulator = createTwilioEmulator({
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  stepMs: "manual",
  sendCallback: async () => new Response(null, { status: 204 }),
});
const twilio = createClient({
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  fetch: (input, init) => emulator.fetch(new Request(input, init)),
});
const from = "+15017122661";
const url = "https://example.com/twiml";

afterEach(() => emulator.reset());

describe("a call's whole life against the emulator", () => {
  it("cancel: a queued call ends as canceled and can then be removed", async () => {
    const call = await twilio.calls.create({ to: "+14155552671", from, url });
    expect((await twilio.calls(call.sid).fetch()).status).toBe("queued");
    const canceled = await twilio.calls(call.sid).update({ status: "canceled" });
    expect(canceled.status).toBe("canceled");
    expect(await twilio.calls(call.sid).remove()).toBe(true);
    const gone = await twilio
      .calls(call.sid)
      .fetch()
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(TwilioApiError);
    expect((gone as TwilioApiError).status).toBe(404);
  });

  it("hang up: a connected call ends as completed; an update after the end is 21220", async () => {
    // +14155550106 is answered and stays connected until hung up.
    const call = await twilio.calls.create({ to: "+14155550106", from, url });
    for (let step = 0; step < 4; step++) await emulator.advance();
    expect((await twilio.calls(call.sid).fetch()).status).toBe("in-progress");
    const hungUp = await twilio.calls(call.sid).update({ status: "completed" });
    expect(hungUp.status).toBe("completed");
    const late = await twilio
      .calls(call.sid)
      .update({ twiml: "<Response/>" })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ name: "TwilioApiError", code: 21220 });
  });

  it("redirect: a live call takes new TwiML and stays live", async () => {
    const call = await twilio.calls.create({ to: "+14155550106", from, url });
    for (let step = 0; step < 4; step++) await emulator.advance();
    const redirected = await twilio.calls(call.sid).update({
      twiml: "<Response><Say>Moved</Say></Response>",
    });
    expect(redirected.status).toBe("in-progress");
    const sent = emulator.requests.at(-1);
    expect(sent?.form.get("Twiml")).toBe("<Response><Say>Moved</Say></Response>");
  });

  it("remove refuses a call that has not ended", async () => {
    const call = await twilio.calls.create({ to: "+14155552671", from, url });
    await expect(twilio.calls(call.sid).remove()).rejects.toBeInstanceOf(TwilioApiError);
    expect((await twilio.calls(call.sid).fetch()).sid).toBe(call.sid);
  });

  it("list, iterate, each and page over the emulator's pages and filters", async () => {
    const sids: string[] = [];
    for (const to of ["+14155552671", "+14155552672", "+14155552671", "+14155552671"]) {
      sids.push((await twilio.calls.create({ to, from, url })).sid);
    }
    await twilio.calls(sids[0] as string).update({ status: "canceled" });
    const toFirst = await twilio.calls.list({ to: "+14155552671", pageSize: 1 });
    expect(toFirst.map((call) => call.sid).sort()).toEqual([sids[0], sids[2], sids[3]].sort());
    const canceled = await twilio.calls.list({ status: "canceled" });
    expect(canceled.map((call) => call.sid)).toEqual([sids[0]]);
    const limited = await twilio.calls.list({ limit: 3, pageSize: 2 });
    expect(limited).toHaveLength(3);
    const iterated: string[] = [];
    for await (const call of twilio.calls.list.iterate({ pageSize: 1 })) iterated.push(call.sid);
    expect(iterated.sort()).toEqual([...sids].sort());
    let counted = 0;
    await twilio.calls.each({ from, pageSize: 3 }, () => {
      counted++;
    });
    expect(counted).toBe(4);
    const page = await twilio.calls.page({ pageSize: 3 });
    expect(page.instances).toHaveLength(3);
    expect((await page.nextPage())?.instances).toHaveLength(1);
  });
});
