import { describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";
import { persistedRuns } from "./persisted-runs.js";

scanForSecrets();

const runs = persistedRuns();

const COUNT = 300;

describe("a campaign across a restart of the worker and its objects", () => {
  it("loses and doubles nothing: every recipient final, one create each", async () => {
    const persist = runs.storage("campaign-state-");
    // The emulator outlives the proxy, as Twilio would; its callbacks fail while the proxy is down.
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    // A claim whose answer was on its way to the pacer when the runtime died is the one case the
    // pacer cannot hand back: its recipient is proven absent by a lookup and placed once more.
    // Calls that may last 2 s at most: a placed call whose final callback was lost while the proxy
    // was down is fetched after that.
    const env = { CAMPAIGN_RETRY_ABSENT: "true", RING_TIMEOUT: 1, CALL_TIME_LIMIT: 1 };
    const first = await startCampaignProxy(twilio, { persist, env });
    const id = String((await first.create({ recipients: recipients(COUNT) })).json().id);
    for (let waited = 0; twilio.created() < COUNT / 3; waited += 10) {
      if (waited > 30_000) throw new Error("the campaign never got going");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The runtime goes away mid-campaign, requests in flight, as on a deploy; its storage stays.
    await first.proxy.mf.dispose();
    first.proxy.twilio.release();
    const before = twilio.created();
    expect(before).toBeLessThan(COUNT);

    const second = await startCampaignProxy(twilio, { persist, env });
    runs.closeAfter(() => second.proxy.close());
    const final = await second.until(id, allFinal, 90_000);
    expect(final).toMatchObject({ state: "done", total: COUNT, counts: { completed: COUNT } });
    const perTo = twilio.createsPerTo();
    expect(perTo.size).toBe(COUNT);
    expect([...perTo.values()].every((count) => count === 1)).toBe(true);
    expect(twilio.busiestSecond()).toBeLessThanOrEqual(50);
    const listed = await second.allRecipients(id);
    const sids = new Set(twilio.emulator.calls.map((call) => call.sid));
    expect(listed.every((recipient) => sids.has(String(recipient.callSid)))).toBe(true);
  }, 120_000);
});
