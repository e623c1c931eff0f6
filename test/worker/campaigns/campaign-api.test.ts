import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCallback } from "../callback-signature.js";
import { ACCOUNT_SID, API_KEY, OTHER_API_KEY, PUBLIC_URL, usNumber } from "../fixtures.js";
import { scanForSecrets, startProxy } from "../harness.js";
import { signJwt } from "../tokens.js";
import {
  allFinal,
  CAMPAIGN_ENV,
  recipients,
  startCampaignProxy,
  withCampaigns,
} from "./campaign-proxy.js";
import { createEmulatedTwilio } from "./emulated-twilio.js";

scanForSecrets();

const twilio = createEmulatedTwilio();
let campaigns: Awaited<ReturnType<typeof startCampaignProxy>>;
let other: ReturnType<typeof withCampaigns>;
beforeAll(async () => {
  // Both test keys may run campaigns here; each sees only its own.
  campaigns = await startCampaignProxy(twilio, {
    env: { CAMPAIGN_API_KEYS: `${API_KEY},${OTHER_API_KEY}`, LIMIT_DESTINATION_PER_HOUR: 1 },
  });
  other = withCampaigns(campaigns.proxy, OTHER_API_KEY);
});
afterAll(() => campaigns.proxy.close());

const idOf = (answer: { json: () => Record<string, unknown> }) => String(answer.json().id);

describe("who may run campaigns", () => {
  it("answers 401 without credentials and 403 for a key outside CAMPAIGN_API_KEYS or a JWT", async () => {
    const proxy = await startProxy({ env: CAMPAIGN_ENV });
    try {
      const body = JSON.stringify({ recipients: recipients(1) });
      const post = (headers: Record<string, string>) =>
        proxy.fetch("/v1/campaigns", {
          method: "POST",
          headers: { "Content-Type": "application/json", ...headers },
          body,
        });
      expect((await post({})).status).toBe(401);
      const key = await post({ Authorization: `Bearer ${OTHER_API_KEY}` });
      expect(key.status).toBe(403);
      expect(key.json()).toMatchObject({ code: "campaigns_not_allowed" });
      const jwt = await post({ Authorization: `Bearer ${await signJwt("key:00000000")}` });
      expect(jwt.status).toBe(403);
      expect(proxy.twilio.requests).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });

  it("refuses a config whose CAMPAIGN_API_KEYS holds a key not in PROXY_API_KEYS", async () => {
    const proxy = await startProxy({
      env: { CAMPAIGN_API_KEYS: "pk_not_a_proxy_key_at_all_0001" },
    });
    try {
      const answer = await withCampaigns(proxy).create({ recipients: recipients(1) });
      expect(answer.status).toBe(500);
      expect(proxy.logLines().at(-1)).toMatchObject({ setting: "CAMPAIGN_API_KEYS" });
    } finally {
      await proxy.close();
    }
  });

  it("shows a campaign only to the key that created it (404 for anyone else)", async () => {
    const id = idOf(await campaigns.create({ recipients: recipients(1, 100) }));
    for (const path of ["", "/recipients", "/events"]) {
      const answer = await other.get(`/v1/campaigns/${id}${path}`);
      expect(answer.status).toBe(404);
      expect(answer.json()).toMatchObject({ code: "campaign_not_found" });
    }
    for (const action of ["pause", "resume", "cancel"]) {
      expect((await other.post(`/v1/campaigns/${id}/${action}`)).status).toBe(404);
    }
    const append = await other.post(`/v1/campaigns/${id}/recipients`, {
      recipients: recipients(1, 101),
    });
    expect(append.status).toBe(404);
    expect((await other.get("/v1/campaigns/cmp_nope")).status).toBe(404);
    await campaigns.until(id, allFinal);
    expect(twilio.createsPerTo().has(usNumber(101))).toBe(false);
  });
});

describe("creating a campaign", () => {
  it.each([
    [{}, "recipients is required"],
    [{ recipients: [] }, "recipients must hold at least one recipient"],
    [{ recipients: [{ to: 14155552671 }] }, "recipients[0].to must be a string"],
    [
      { recipients: [{ to: "+14155552671", url: "https://evil.test" }] },
      "recipients[0].url is not accepted",
    ],
    [
      { recipients: [{ to: "+14155552671", ref: "x".repeat(129) }] },
      "recipients[0].ref must be at most 128",
    ],
    [
      { recipients: recipients(1), statusCallback: "https://evil.test" },
      "statusCallback is not accepted",
    ],
    [{ recipients: recipients(10_001) }, "at most 10000 recipients"],
  ])("answers 400 naming the field for %j", async (body, detail) => {
    const answer = await campaigns.create(body);
    expect(answer.status).toBe(400);
    expect(String(answer.json().detail)).toContain(detail);
  });

  it("refuses an overlong to with 400 instead of storing it as a refused recipient", async () => {
    // 1.9 MB of digits fits the body limit: kept as `refused`, it would be stored and listed back
    // whole, once per recipient and append, up to the object's storage limit.
    const to = `+1${"5".repeat(1_900_000)}`;
    const created = await campaigns.create({ recipients: [{ to }] });
    expect(created.status).toBe(400);
    expect(created.json()).toMatchObject({
      code: "invalid_field",
      detail: "recipients[0].to must be at most 32 characters.",
    });
    const id = idOf(await campaigns.create({ recipients: recipients(1, 800) }));
    const appended = await campaigns.post(`/v1/campaigns/${id}/recipients`, {
      recipients: [{ to: usNumber(801) }, { to }],
    });
    expect(appended.status).toBe(400);
    expect(String(appended.json().detail)).toBe("recipients[1].to must be at most 32 characters.");
    expect((await campaigns.view(id)).total).toBe(1);
  });

  it("narrows flow and from like a single call: an unknown flow is 400, a foreign caller ID 403", async () => {
    expect((await campaigns.create({ flow: "nope", recipients: recipients(1) })).status).toBe(400);
    const from = await campaigns.create({ from: "+14155559999", recipients: recipients(1) });
    expect(from.status).toBe(403);
    expect(from.json()).toMatchObject({ code: "from_not_allowed" });
  });

  it("answers the same campaign for a repeated Idempotency-Key, and 422 for another body", async () => {
    const body = { recipients: recipients(2, 200) };
    const first = await campaigns.create(body, { "Idempotency-Key": "campaign-a" });
    const again = await campaigns.create(body, { "Idempotency-Key": "campaign-a" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(idOf(again)).toBe(idOf(first));
    const changed = await campaigns.create(
      { recipients: recipients(3, 200) },
      { "Idempotency-Key": "campaign-a" },
    );
    expect(changed.status).toBe(422);
    // The other key's same Idempotency-Key is its own campaign.
    const theirs = await other.create(body, { "Idempotency-Key": "campaign-a" });
    expect(theirs.status).toBe(201);
    expect(idOf(theirs)).not.toBe(idOf(first));
    await campaigns.until(idOf(first), allFinal);
    expect((await campaigns.view(idOf(first))).total).toBe(2);
  });
});

describe("the rules of single calls, per recipient", () => {
  it("records a policy-refused recipient with its reason, skips a repeated number, and goes on", async () => {
    const created = await campaigns.create({
      recipients: [
        { to: usNumber(300), ref: "ok" },
        { to: "+33612345678", ref: "france" },
        { to: "+1415555", ref: "short" },
        { to: "+19005550123", ref: "premium" },
        { to: "0014155552301", ref: "not-e164" },
        { to: usNumber(300), ref: "again" },
        { to: usNumber(301), ref: "ok-2" },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ added: 6, duplicates: 1 });
    const id = idOf(created);
    const final = await campaigns.until(id, allFinal);
    expect(final.counts).toMatchObject({ completed: 2, refused: 4 });
    const refused = await campaigns.allRecipients(id, "refused");
    expect(Object.fromEntries(refused.map((r) => [r.ref, r.reason]))).toEqual({
      france: "destination_country_not_allowed",
      short: "to_invalid_number",
      premium: "destination_type_not_allowed",
      "not-e164": "to_not_e164",
    });
    const perTo = twilio.createsPerTo();
    expect(perTo.get("+33612345678")).toBeUndefined();
    expect(perTo.get(usNumber(300))).toBe(1);
  });

  it("refuses a recipient over the per-destination hourly limit, recorded with that reason", async () => {
    const first = idOf(await campaigns.create({ recipients: recipients(1, 400) }));
    await campaigns.until(first, allFinal);
    const second = idOf(await campaigns.create({ recipients: recipients(2, 400) }));
    const final = await campaigns.until(second, allFinal);
    expect(final.counts).toMatchObject({ completed: 1, refused: 1 });
    const [refused] = await campaigns.allRecipients(second, "refused");
    expect(refused).toMatchObject({ to: usNumber(400), reason: "destination_hourly_quota" });
    expect(twilio.createsPerTo().get(usNumber(400))).toBe(1);
  });
});

describe("reading a campaign", () => {
  it("lists recipients by state, page by page, with call SIDs", async () => {
    const id = idOf(await campaigns.create({ recipients: recipients(5, 500) }));
    await campaigns.until(id, allFinal);
    const firstPage = (await campaigns.get(`/v1/campaigns/${id}/recipients?limit=2`)).json();
    expect(firstPage.recipients).toHaveLength(2);
    expect(firstPage.next).toBe("2");
    const all = await campaigns.allRecipients(id, "completed");
    expect(all.map((r) => r.ref)).toEqual(["r500", "r501", "r502", "r503", "r504"]);
    expect(all.every((r) => /^CA[0-9a-f]{32}$/.test(String(r.callSid)))).toBe(true);
    expect((await campaigns.get(`/v1/campaigns/${id}/recipients?state=bogus`)).status).toBe(400);
    expect((await campaigns.get(`/v1/campaigns/${id}/recipients?limit=5000`)).status).toBe(400);
  });

  it("pushes progress as server-sent events and ends the stream once every recipient is final", async () => {
    const id = idOf(await campaigns.create({ recipients: recipients(20, 600) }));
    const stream = await campaigns.get(`/v1/campaigns/${id}/events`);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const blocks = stream.text
      .split("\n\n")
      .filter(Boolean)
      .map((block) =>
        Object.fromEntries(
          block
            .split("\n")
            .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]),
        ),
      );
    expect(blocks.every((block) => block.event === "progress")).toBe(true);
    expect(blocks.map((block) => Number(block.id))).toEqual(blocks.map((_, index) => index + 1));
    const events = blocks.map((block) => JSON.parse(String(block.data)));
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ id, state: "done", counts: { completed: 20 } });
    const completed = events.map((event) => event.counts.completed as number);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
  });
});

describe("campaign progress streams", () => {
  it("holds at most 10 open streams per campaign, like a call's status streams", async () => {
    const id = idOf(await campaigns.create({ recipients: recipients(200, 900) }));
    // Paused with recipients pending, the campaign can still change: its streams stay open.
    expect((await campaigns.post(`/v1/campaigns/${id}/pause`)).status).toBe(200);
    const open = (key = API_KEY) =>
      campaigns.proxy.mf.dispatchFetch(`${PUBLIC_URL}/v1/campaigns/${id}/events`, {
        headers: { Authorization: `Bearer ${key}` },
      });
    const readers = [];
    for (let n = 0; n < 10; n++) {
      const response = await open();
      expect(response.status).toBe(200);
      const reader = response.body?.getReader();
      expect((await reader?.read())?.done).toBe(false);
      readers.push(reader);
    }
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "too_many_streams" });
    // The campaign's owner is the one refused; a caller who cannot see it still gets a 404.
    expect((await open(OTHER_API_KEY)).status).toBe(404);
    for (const reader of readers) await reader?.cancel();
    expect((await campaigns.post(`/v1/campaigns/${id}/cancel`)).status).toBe(200);
  });
});

describe("campaign status callbacks", () => {
  const callbackFor = (query: string, params: Record<string, string>, signedQuery = query) => {
    const base = `${PUBLIC_URL}/v1/twilio/campaign-status`;
    return campaigns.proxy.fetch(`/v1/twilio/campaign-status${query}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signCallback(params, undefined, base + signedQuery),
      },
      body: new URLSearchParams(params).toString(),
    });
  };

  it("refuses a forged signature or a recipient swapped in the signed URL, and changes nothing", async () => {
    const id = idOf(await campaigns.create({ recipients: recipients(2, 700) }));
    await campaigns.until(id, allFinal);
    const [one] = await campaigns.allRecipients(id);
    const params = {
      AccountSid: ACCOUNT_SID,
      CallSid: String(one?.callSid),
      CallStatus: "busy",
    };
    const query = `?campaign=${id}&recipient=1`;
    const swapped = await callbackFor(`?campaign=${id}&recipient=2`, params, query);
    expect(swapped.status).toBe(403);
    const forged = await campaigns.proxy.fetch(`/v1/twilio/campaign-status${query}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": "AAAA",
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await campaigns.view(id)).counts).toMatchObject({ completed: 2, busy: 0 });
    // A correctly signed but stale report (the call is already final) is acknowledged and ignored.
    expect((await callbackFor(query, params)).status).toBe(204);
    expect((await campaigns.view(id)).counts).toMatchObject({ completed: 2, busy: 0 });
  });
});
