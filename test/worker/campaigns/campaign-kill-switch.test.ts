import { describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";
import { persistedRuns } from "./persisted-runs.js";

scanForSecrets();

const runs = persistedRuns();

describe("CALLS_PAUSED and campaigns", () => {
  it("refuses new campaigns and more recipients with 503, and holds a running campaign until it is off", async () => {
    const persist = runs.storage("campaign-paused-");
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    const env = { CAMPAIGN_CALLS_PER_SECOND: 5 };
    // A campaign started while calls flow; its first call is placed, then the switch is flipped.
    const running = await startCampaignProxy(twilio, { persist, env });
    const id = String((await running.create({ recipients: recipients(20) })).json().id);
    for (let waited = 0; twilio.created() === 0; waited += 10) {
      if (waited > 30_000) throw new Error("the campaign never got going");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await running.proxy.mf.dispose();
    running.proxy.twilio.release();

    const paused = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, CALLS_PAUSED: "true" },
    });
    const refusedCreate = await paused.create({ recipients: recipients(3) });
    expect(refusedCreate.status).toBe(503);
    expect(refusedCreate.json()).toMatchObject({ code: "calls_paused" });
    expect(refusedCreate.headers.get("retry-after")).toBe("300");
    const refusedAppend = await paused.post(`/v1/campaigns/${id}/recipients`, {
      recipients: [{ to: "+14155559999" }],
    });
    expect(refusedAppend.status).toBe(503);
    // Reading and steering the campaign still work. Resuming it wakes the pacer at once, yet over
    // two seconds (ten slots at 5/s) no call is placed.
    const placedBefore = twilio.created();
    expect((await paused.view(id)).id).toBe(id);
    expect((await paused.post(`/v1/campaigns/${id}/pause`)).status).toBe(200);
    expect((await paused.post(`/v1/campaigns/${id}/resume`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(twilio.created()).toBe(placedBefore);
    await paused.proxy.close();

    // Switched off again: the held campaign finishes, nothing lost and nothing doubled.
    const resumed = await startCampaignProxy(twilio, { persist, env });
    runs.closeAfter(() => resumed.proxy.close());
    const final = await resumed.until(id, allFinal, 60_000);
    expect(final).toMatchObject({ state: "done", total: 20 });
    expect([...twilio.createsPerTo().values()].every((count) => count === 1)).toBe(true);
  }, 120_000);
});
