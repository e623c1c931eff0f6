import type { Campaign, CampaignRecipientState } from "../../../src/proxy-client/index.js";
import { API_KEY, usNumber } from "../fixtures.js";
import { type ProxyOptions, type ProxyResponse, startProxy, type TestProxy } from "../harness.js";
import type { EmulatedTwilio } from "./emulated-twilio.js";

/** Settings every campaign test starts from: API_KEY may run campaigns, 50 calls/s. */
export const CAMPAIGN_ENV = {
  CAMPAIGN_API_KEYS: API_KEY,
  CAMPAIGN_CALLS_PER_SECOND: 50,
  CAMPAIGN_MAX_IN_FLIGHT: 20,
  CAMPAIGN_RECONCILE_SECONDS: 1,
  TWILIO_TIMEOUT_MS: 2000,
  LIMIT_GLOBAL_PER_DAY: 1_000_000,
};

/** `count` distinct dialable US recipients, numbered from `from`. */
export const recipients = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => ({
    to: usNumber(from + index),
    ref: `r${from + index}`,
  }));

/** The final recipient states (no further change). */
const FINAL: CampaignRecipientState[] = [
  "completed",
  "busy",
  "no-answer",
  "failed",
  "refused",
  "canceled",
];

export type CampaignBody = Campaign;

/** A proxy whose Twilio is `twilio` (the emulator), with campaign helpers. */
export const startCampaignProxy = async (twilio: EmulatedTwilio, options: ProxyOptions = {}) => {
  const proxy = await startProxy({ ...options, env: { ...CAMPAIGN_ENV, ...options.env } });
  proxy.twilio.respond(twilio.script);
  twilio.target(proxy);
  return withCampaigns(proxy);
};

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Campaign requests against `proxy`, as the owner of `key`. */
export const withCampaigns = (proxy: TestProxy, key = API_KEY) => {
  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    proxy.fetch(path, {
      method: "POST",
      headers: { ...auth(key), "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const get = (path: string) => proxy.fetch(path, { headers: auth(key) });
  const view = async (id: string): Promise<CampaignBody> => {
    const answer = await get(`/v1/campaigns/${id}`);
    if (answer.status !== 200) throw new Error(`GET campaign: ${answer.status} ${answer.text}`);
    return answer.json() as CampaignBody;
  };
  return {
    proxy,
    post,
    get,
    view,
    create: (body: unknown, headers?: Record<string, string>): Promise<ProxyResponse> =>
      post("/v1/campaigns", body, headers),
    /** Polls the campaign until `done(view)` holds (or `timeoutMs` passes: then it throws). */
    async until(
      id: string,
      done: (view: CampaignBody) => boolean,
      timeoutMs = 60_000,
    ): Promise<CampaignBody> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await view(id);
        if (done(current)) return current;
        if (Date.now() > deadline)
          throw new Error(`campaign never got there: ${JSON.stringify(current)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    /** Every recipient of the campaign, page by page. */
    async allRecipients(id: string, state?: string): Promise<Array<Record<string, unknown>>> {
      const all: Array<Record<string, unknown>> = [];
      let cursor: string | null = "0";
      while (cursor !== null) {
        const query = new URLSearchParams({ cursor, limit: "1000", ...(state ? { state } : {}) });
        const page = (await get(`/v1/campaigns/${id}/recipients?${query}`)).json() as {
          recipients: Array<Record<string, unknown>>;
          next: string | null;
        };
        all.push(...page.recipients);
        cursor = page.next;
      }
      return all;
    },
  };
};

/** Whether every recipient is in a final state. */
export const allFinal = (view: CampaignBody): boolean =>
  FINAL.reduce((sum, state) => sum + (view.counts[state] ?? 0), 0) === view.total;
