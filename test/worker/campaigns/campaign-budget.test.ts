import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

const twilio = createEmulatedTwilio();
let campaigns: Awaited<ReturnType<typeof startCampaignProxy>>;
beforeAll(async () => {
  campaigns = await startCampaignProxy(twilio, { env: { LIMIT_GLOBAL_PER_DAY: 3 } });
});
afterAll(() => campaigns.proxy.close());

describe("the global daily budget", () => {
  it("pauses a campaign that spends it, with its reason, and refuses nobody for it", async () => {
    const id = String((await campaigns.create({ recipients: recipients(5) })).json().id);
    const paused = await campaigns.until(
      id,
      (view) => view.state === "paused" && view.counts.placing + view.counts.placed === 0,
    );
    expect(paused).toMatchObject({
      reason: "global_daily_budget",
      counts: { completed: 3, pending: 2, refused: 0 },
    });
    expect(twilio.created()).toBe(3);
  });
});

describe("the largest request", () => {
  it("takes a create of the 10,000 recipients a request may hold", async () => {
    const created = await campaigns.create({ recipients: recipients(10_000, 1000) });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ total: 10_000, added: 10_000, duplicates: 0 });
    const id = String(created.json().id);
    const canceled = (await campaigns.post(`/v1/campaigns/${id}/cancel`)).json();
    expect(canceled).toMatchObject({ state: "canceled" });
  });
});
