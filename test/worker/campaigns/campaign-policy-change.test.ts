import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

const folders: string[] = [];
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const GB = ["+447400123456", "+447400123457", "+442079460123"];

describe("a campaign after the destination policy is tightened", () => {
  it("dials no queued recipient the policy now refuses: each is refused with the policy's reason", async () => {
    const persist = mkdtempSync(join(tmpdir(), "campaign-policy-"));
    folders.push(persist);
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
    close = () => after.proxy.close();
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
});
