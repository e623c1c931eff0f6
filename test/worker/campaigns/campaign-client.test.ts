import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Campaign,
  createCampaignClient,
  ProxyError,
  TwilioValidationError,
} from "../../../src/proxy-client/index.js";
import { API_KEY, OTHER_API_KEY, PUBLIC_URL, usNumber } from "../fixtures.js";
import { scanForSecrets } from "../harness.js";
import { recipients, startCampaignProxy } from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

const twilio = createEmulatedTwilio({ callsPerSecond: 50 });
let campaigns: Awaited<ReturnType<typeof startCampaignProxy>>;
beforeAll(async () => {
  campaigns = await startCampaignProxy(twilio);
});
afterAll(() => campaigns.proxy.close());

/** The worker, as `fetch`: requests go into workerd, answers (streams too) come back. */
const workerFetch = async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const response = await campaigns.proxy.mf.dispatchFetch(request.url, {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: request.method === "POST" ? await request.text() : undefined,
  } as never);
  return response as unknown as Response;
};

const client = (apiKey = API_KEY) =>
  createCampaignClient({ baseUrl: PUBLIC_URL, apiKey, fetch: workerFetch });

describe("the campaign client against the worker", () => {
  it("creates a campaign, follows its progress to the end and lists its recipients", async () => {
    const campaign = await client().createCampaign({ recipients: recipients(10, 800) });
    expect(campaign).toMatchObject({ state: "running", total: 10, added: 10, duplicates: 0 });
    const seen: Campaign[] = [];
    const final = await client().watchCampaign(campaign.id, { onProgress: (c) => seen.push(c) });
    expect(final).toMatchObject({ id: campaign.id, state: "done", counts: { completed: 10 } });
    expect(seen.at(-1)).toEqual(final);
    expect(await campaigns.view(campaign.id)).toEqual(final);
    const page = await client().listRecipients(campaign.id, { state: "completed", limit: 4 });
    expect(page.recipients.map((r) => r.to)).toEqual([800, 801, 802, 803].map(usNumber));
    expect(page.next).toBe("4");
    const more = await client().appendRecipients(campaign.id, [{ to: usNumber(810), ref: "late" }]);
    expect(more).toMatchObject({ added: 1, total: 11 });
  });

  it("pauses, resumes and cancels", async () => {
    const slow = await client().createCampaign({ recipients: recipients(200, 900) });
    expect((await client().pauseCampaign(slow.id)).state).toBe("paused");
    expect((await client().resumeCampaign(slow.id)).state).toBe("running");
    const canceled = await client().cancelCampaign(slow.id);
    expect(canceled.state).toBe("canceled");
    expect((await client().getCampaign(slow.id)).counts.pending).toBe(0);
  });

  it("throws ProxyError with the proxy's reason code, and checks its options at once", async () => {
    const error = await client(OTHER_API_KEY)
      .createCampaign({ recipients: recipients(1, 990) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ status: 403, code: "campaigns_not_allowed" });
    const missing = await client()
      .getCampaign("cmp_00000000000000000000000000000000")
      .catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ status: 404, code: "campaign_not_found" });
    expect(() => createCampaignClient({ baseUrl: PUBLIC_URL, apiKey: "" })).toThrow(
      TwilioValidationError,
    );
    expect(() => createCampaignClient({ baseUrl: PUBLIC_URL, apiKey: "" })).toThrow(/apiKey/);
  });
});
