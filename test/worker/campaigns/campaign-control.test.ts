import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usNumber } from "../fixtures.js";
import { scanForSecrets } from "../harness.js";
import { twilioError } from "../twilio-recorder.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

// 5 calls/s: slow enough to act in the middle of a campaign.
const RATE = 5;
/** Recipients the pacer may have claimed ahead of their slot when a pause arrives (150 ms + 1). */
const PREPARED_AHEAD = Math.ceil(RATE * 0.15) + 1;

const twilio = createEmulatedTwilio({ callsPerSecond: RATE });
let campaigns: Awaited<ReturnType<typeof startCampaignProxy>>;
beforeAll(async () => {
  campaigns = await startCampaignProxy(twilio, { env: { CAMPAIGN_CALLS_PER_SECOND: RATE } });
});
afterAll(() => campaigns.proxy.close());

const createsTo = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, index) => twilio.createsPerTo().get(usNumber(from + index)) ?? 0,
  );
const placedSoFar = (from: number, count: number) =>
  createsTo(from, count).reduce((sum, n) => sum + n, 0);

const untilCreates = async (from: number, count: number, atLeast: number) => {
  for (let waited = 0; placedSoFar(from, count) < atLeast; waited += 20) {
    if (waited > 20_000) throw new Error("the campaign never started");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Long enough for several slots at RATE: the only way to see that nothing more happens. */
const severalSlots = () => new Promise((resolve) => setTimeout(resolve, 1200));

describe("pause, resume and cancel", () => {
  it("pause stops new calls within one pacing tick; resume finishes the campaign, each once", async () => {
    const id = String((await campaigns.create({ recipients: recipients(30, 0) })).json().id);
    await untilCreates(0, 30, 3);
    const paused = await campaigns.post(`/v1/campaigns/${id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.json()).toMatchObject({ state: "paused", reason: "paused_by_caller" });
    const atPause = placedSoFar(0, 30);
    await campaigns.until(id, (view) => view.counts.placing === 0);
    await severalSlots();
    const afterPause = placedSoFar(0, 30);
    expect(afterPause - atPause).toBeLessThanOrEqual(PREPARED_AHEAD);
    const view = await campaigns.view(id);
    expect(view.state).toBe("paused");
    expect(view.counts.pending).toBe(30 - afterPause);
    // Pausing twice is the same pause.
    expect((await campaigns.post(`/v1/campaigns/${id}/pause`)).json()).toMatchObject({
      state: "paused",
    });

    const resumed = await campaigns.post(`/v1/campaigns/${id}/resume`);
    expect(resumed.json()).toMatchObject({ state: "running", reason: null });
    const final = await campaigns.until(id, allFinal);
    expect(final).toMatchObject({ state: "done", counts: { completed: 30 } });
    expect(createsTo(0, 30).every((n) => n === 1)).toBe(true);
  });

  it("cancel cancels every pending recipient; calls already placed finish; nothing more is placed", async () => {
    const id = String((await campaigns.create({ recipients: recipients(30, 100) })).json().id);
    await untilCreates(100, 30, 3);
    const canceled = await campaigns.post(`/v1/campaigns/${id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.json()).toMatchObject({ state: "canceled" });
    const final = await campaigns.until(id, allFinal);
    await severalSlots();
    const placed = placedSoFar(100, 30);
    expect(placed).toBeLessThan(30);
    expect(final.state).toBe("canceled");
    expect(final.counts.completed).toBe(placed);
    expect(final.counts.canceled).toBe(30 - placed);
    expect(createsTo(100, 30).every((n) => n <= 1)).toBe(true);
    // A canceled campaign stays canceled and takes no more recipients.
    expect((await campaigns.post(`/v1/campaigns/${id}/resume`)).status).toBe(409);
    const append = await campaigns.post(`/v1/campaigns/${id}/recipients`, {
      recipients: recipients(1, 150),
    });
    expect(append.status).toBe(409);
    expect((await campaigns.post(`/v1/campaigns/${id}/cancel`)).status).toBe(200);
  });

  it("appends recipients to a finished campaign, which runs again; a repeated append adds nobody", async () => {
    const id = String((await campaigns.create({ recipients: recipients(2, 200) })).json().id);
    await campaigns.until(id, allFinal);
    const body = { recipients: recipients(3, 201) };
    const appended = await campaigns.post(`/v1/campaigns/${id}/recipients`, body);
    expect(appended.json()).toMatchObject({ added: 2, duplicates: 1, total: 4 });
    const again = await campaigns.post(`/v1/campaigns/${id}/recipients`, body);
    expect(again.json()).toMatchObject({ added: 0, duplicates: 3, total: 4 });
    const final = await campaigns.until(id, allFinal);
    expect(final).toMatchObject({ state: "done", counts: { completed: 4 } });
    expect(createsTo(200, 4)).toEqual([1, 1, 1, 1]);
  });

  it("pauses with a clear reason when Twilio's queue is full (22005), and resumes without loss", async () => {
    const full = usNumber(305);
    twilio.fault((to) => (to === full ? twilioError(400, 22005, "Queue is full") : undefined));
    const id = String((await campaigns.create({ recipients: recipients(10, 300) })).json().id);
    const paused = await campaigns.until(id, (view) => view.state === "paused");
    expect(paused).toMatchObject({ reason: "twilio_queue_full" });
    await campaigns.until(id, (view) => view.counts.placing === 0);
    const [waiting] = await campaigns.allRecipients(id, "pending");
    expect(waiting).toMatchObject({ to: full, state: "pending" });
    twilio.fault(() => undefined);
    await campaigns.post(`/v1/campaigns/${id}/resume`);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts.completed).toBe(10);
    expect(createsTo(300, 10).every((n) => n === 1)).toBe(true);
  });
});
