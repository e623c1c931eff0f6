import { afterEach, describe, expect, it } from "vitest";
import { usNumber } from "../fixtures.js";
import { scanForSecrets } from "../harness.js";
import { allFinal, recipients, startCampaignProxy } from "./campaign-proxy.js";
import { type CreateFault, createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A proxy on a fresh emulator whose first create to `to` meets `fault` (later ones go through). */
const start = async (to: string, fault: "drop-before" | "drop-after", env = {}) => {
  const twilio = createEmulatedTwilio();
  let faults = 0;
  const once: CreateFault = (target) => (target === to && faults++ === 0 ? fault : undefined);
  twilio.fault(once);
  const campaigns = await startCampaignProxy(twilio, { env });
  close = () => campaigns.proxy.close();
  return { twilio, campaigns };
};

const recipientOf = async (
  campaigns: Awaited<ReturnType<typeof start>>["campaigns"],
  id: string,
  to: string,
) => (await campaigns.allRecipients(id)).find((recipient) => recipient.to === to);

describe("a create whose outcome is unknown", () => {
  it("is reconciled from the signed status callback, without a second create", async () => {
    const to = usNumber(1);
    const { twilio, campaigns } = await start(to, "drop-after");
    const id = String((await campaigns.create({ recipients: recipients(3) })).json().id);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts.completed).toBe(3);
    expect(twilio.createsPerTo().get(to)).toBe(1);
    // The callback settled it: no lookup was needed.
    expect(campaigns.proxy.twilio.requests.filter((request) => request.method === "GET")).toEqual(
      [],
    );
    const [call] = twilio.emulator.calls.filter((each) => each.to === to);
    expect(await recipientOf(campaigns, id, to)).toMatchObject({
      state: "completed",
      callSid: call?.sid,
      attempts: 1,
    });
  });

  it("is reconciled by a Calls list lookup when its callbacks are lost, without a second create", async () => {
    const to = usNumber(2);
    const { twilio, campaigns } = await start(to, "drop-after");
    twilio.dropCallbacks(true);
    const id = String((await campaigns.create({ recipients: [{ to }] })).json().id);
    const unknown = await campaigns.until(id, (view) => view.counts.unknown === 1);
    expect(unknown.counts.placed).toBe(0);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts.completed).toBe(1);
    expect(twilio.createsPerTo().get(to)).toBe(1);
    const lookups = campaigns.proxy.twilio.requests.filter((request) => request.method === "GET");
    expect(lookups.some((request) => request.path.includes("/Calls.json?"))).toBe(true);
    const [call] = twilio.emulator.calls;
    expect(await recipientOf(campaigns, id, to)).toMatchObject({ callSid: call?.sid, attempts: 1 });
  });

  it("ends `failed` (not_placed) when Twilio proves it absent and retries are off: never re-sent", async () => {
    const to = usNumber(3);
    const { twilio, campaigns } = await start(to, "drop-before");
    const id = String((await campaigns.create({ recipients: [{ to }] })).json().id);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts.failed).toBe(1);
    expect(await recipientOf(campaigns, id, to)).toMatchObject({
      state: "failed",
      reason: "not_placed",
      attempts: 1,
      callSid: null,
    });
    expect(twilio.createsPerTo().get(to)).toBeUndefined();
    const posts = campaigns.proxy.twilio
      .creates()
      .filter((request) => request.form.get("To") === to);
    expect(posts).toHaveLength(1);
  });

  it("is placed once more when Twilio proves it absent and CAMPAIGN_RETRY_ABSENT allows it", async () => {
    const to = usNumber(4);
    const { twilio, campaigns } = await start(to, "drop-before", { CAMPAIGN_RETRY_ABSENT: "true" });
    const id = String((await campaigns.create({ recipients: [{ to }] })).json().id);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts.completed).toBe(1);
    expect(await recipientOf(campaigns, id, to)).toMatchObject({ state: "completed", attempts: 2 });
    expect(twilio.createsPerTo().get(to)).toBe(1);
  });
});
