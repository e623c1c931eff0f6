import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_KEY, OTHER_API_KEY } from "../fixtures.js";
import { scanForSecrets, type TestProxy } from "../harness.js";
import { type CampaignBody, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";
import { persistedRuns } from "./persisted-runs.js";

scanForSecrets();

const runs = persistedRuns();

/** The caller id the proxy gives an API key: `key:` and 8 hex digits of its SHA-256. */
const callerOf = (key: string) =>
  `key:${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;

/**
 * The campaign as its object holds it, read past the HTTP API: once its key is revoked no caller
 * may read it there (which is the point).
 */
const storedView = async (proxy: TestProxy, id: string, owner: string) => {
  const namespace = await proxy.mf.getDurableObjectNamespace("CAMPAIGNS");
  const stub = namespace.get(namespace.idFromName(id)) as unknown as {
    read: (owner: string) => Promise<CampaignBody | null>;
  };
  return stub.read(owner);
};

describe("a campaign whose key is revoked", () => {
  it("places no more calls: the campaign pauses with reason campaign_key_revoked", async () => {
    const persist = runs.storage("campaign-revoked-");
    const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
    const env = { CAMPAIGN_CALLS_PER_SECOND: 2, RING_TIMEOUT: 1, CALL_TIME_LIMIT: 1 };
    const before = await startCampaignProxy(twilio, { persist, env });
    const id = String((await before.create({ recipients: recipients(40) })).json().id);
    for (let waited = 0; twilio.created() === 0; waited += 10) {
      if (waited > 30_000) throw new Error("the campaign never got going");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await before.proxy.mf.dispose();
    before.proxy.twilio.release();
    const placedBefore = twilio.created();

    // The key leaked: the operator removes it from PROXY_API_KEYS and CAMPAIGN_API_KEYS and deploys.
    const after = await startCampaignProxy(twilio, {
      persist,
      env: { ...env, PROXY_API_KEYS: OTHER_API_KEY, CAMPAIGN_API_KEYS: OTHER_API_KEY },
    });
    runs.closeAfter(() => after.proxy.close());
    expect((await after.post(`/v1/campaigns/${id}/pause`)).status).toBe(401);
    const owner = callerOf(API_KEY);
    let view = await storedView(after.proxy, id, owner);
    for (let waited = 0; view?.state === "running" && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = await storedView(after.proxy, id, owner);
    }
    expect(view).toMatchObject({ state: "paused", reason: "campaign_key_revoked" });
    expect(view?.counts.pending).toBeGreaterThan(0);
    expect(twilio.created()).toBe(placedBefore);
  }, 90_000);
});
