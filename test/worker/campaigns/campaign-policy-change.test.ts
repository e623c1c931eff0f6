import { describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";
import { persistedRuns } from "./persisted-runs.js";

scanForSecrets();

const runs = persistedRuns();

const GB = ["+447400123456", "+447400123457", "+442079460123"];

describe("a campaign after the destination policy is tightened", () => {
  it("dials no queued recipient the policy now refuses: each is refused with the policy's reason", async () => {
    const persist = runs.storage("campaign-policy-");
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    // Calls of 2 s at most: a call whose final callback was lost during the restart is fetched then.
    const env = {
      CAMPAIGN_CALLS_PER_SECOND: 1,
      ALLOWED_COUNTRIES: "US,GB",
      RING_TIMEOUT: 1,
      CALL_TIME_LIMIT: 1,
    };
    // Admitted while GB is allowed, then held (the pacer may have claimed a US recipient or two).
    const before = await startCampaignProxy(twilio, { persist, env });
    const body = { recipients: [...recipients(4), ...GB.map((to) => ({ to }))] };
    const created = await before.create(body);
    expect(created.json()).toMatchObject({ counts: { refused: 0 } });
    const id = String(created.json().id);
    expect((await before.post(`/v1/campaigns/${id}/pause`)).status).toBe(200);
    await before.proxy.mf.dispose();
    before.proxy.twilio.release();

    // The operator drops GB (traffic pumping seen there, say) and deploys; the campaign resumes.
    const after = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, ALLOWED_COUNTRIES: "US" },
    });
    runs.closeAfter(() => after.proxy.close());
    expect((await after.post(`/v1/campaigns/${id}/resume`)).status).toBe(200);
    const final = await after.until(id, allFinal, 60_000);
    expect(final.counts).toMatchObject({ completed: 4, refused: 3 });
    const dialled = [...twilio.createsPerTo().keys()];
    expect(dialled.filter((to) => GB.includes(to))).toEqual([]);
    const refused = await after.allRecipients(id, "refused");
    expect(refused.map((recipient) => [recipient.to, recipient.reason])).toEqual(
      GB.map((to) => [to, "destination_country_not_allowed"]),
    );
  }, 90_000);

  it("places with the flow as configured now, and pauses when its flow is gone", async () => {
    const persist = runs.storage("campaign-flow-");
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    const flows = (survey?: Record<string, unknown>) =>
      JSON.stringify({ greeting: { url: "https://app.example.com/twiml/greeting" }, survey });
    const env = { CAMPAIGN_CALLS_PER_SECOND: 1, RING_TIMEOUT: 1, CALL_TIME_LIMIT: 1 };
    const survey = { twiml: "<Response><Say>Hello</Say></Response>", timeLimit: 1 };
    const first = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, CALL_FLOWS: flows(survey) },
    });
    const id = String(
      (await first.create({ flow: "survey", recipients: recipients(6, 50) })).json().id,
    );
    expect((await first.post(`/v1/campaigns/${id}/pause`)).status).toBe(200);
    await first.proxy.mf.dispose();
    first.proxy.twilio.release();

    // The flow is withdrawn (its TwiML is wrong, say): a resumed campaign places nothing with it.
    const withdrawn = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, CALL_FLOWS: flows() },
    });
    expect((await withdrawn.post(`/v1/campaigns/${id}/resume`)).status).toBe(200);
    const held = await withdrawn.until(id, (view) => view.state !== "running", 30_000);
    expect(held).toMatchObject({ state: "paused", reason: "unknown_flow" });
    expect(withdrawn.proxy.twilio.creates()).toEqual([]);
    await withdrawn.proxy.close();

    // Back with another TwiML and a longer TimeLimit: the calls still to place get those.
    const say = "<Response><Say>Hello again</Say></Response>";
    const changed = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, CALL_FLOWS: flows({ twiml: say, timeLimit: 2 }) },
    });
    runs.closeAfter(() => changed.proxy.close());
    expect((await changed.post(`/v1/campaigns/${id}/resume`)).status).toBe(200);
    await changed.until(id, allFinal, 60_000);
    const creates = changed.proxy.twilio.creates();
    expect(creates.length).toBeGreaterThan(0);
    for (const create of creates) {
      expect(create.form.get("Twiml")).toBe(say);
      expect(create.form.get("TimeLimit")).toBe("2");
    }
  }, 120_000);
});
