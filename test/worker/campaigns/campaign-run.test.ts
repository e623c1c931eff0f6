import { afterEach, describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("a campaign against the emulator", () => {
  it("places 1,000 recipients at 50 calls/s: each once, none lost, never 51 in a second", async () => {
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    const campaigns = await startCampaignProxy(twilio);
    close = () => campaigns.proxy.close();
    const created = await campaigns.create({ recipients: recipients(1000) });
    expect(created.status).toBe(201);
    const { id } = created.json() as { id: string };
    const final = await campaigns.until(id, allFinal, 90_000);
    expect(final).toMatchObject({ state: "done", total: 1000 });
    expect(final.counts.completed).toBe(1000);
    const perTo = twilio.createsPerTo();
    expect(perTo.size).toBe(1000);
    expect([...perTo.values()].every((count) => count === 1)).toBe(true);
    expect(twilio.busiestSecond()).toBeLessThanOrEqual(50);
    const listed = await campaigns.allRecipients(id);
    expect(listed).toHaveLength(1000);
    expect(new Set(listed.map((recipient) => recipient.callSid)).size).toBe(1000);
  }, 120_000);
});
