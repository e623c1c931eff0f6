import { callable, check, integer, required } from "../shared/rules.js";
import type {
  Campaign,
  CampaignChange,
  CampaignParams,
  CampaignRecipientInput,
  CampaignRecipientPage,
  CampaignRecipientState,
} from "./campaign-types.js";
import { ProxyError, proxyErrorFrom } from "./error.js";
import { proxyRequest } from "./request.js";

export type * from "./campaign-types.js";

/** Options of {@link createCampaignClient}: for servers, with an API key listed in `CAMPAIGN_API_KEYS`. */
export type CampaignClientOptions = {
  /** The proxy's base URL, such as `https://calls.example.com`. */
  baseUrl: string;
  /** An API key listed in the proxy's `CAMPAIGN_API_KEYS`. Keep it on a server. */
  apiKey: string;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Retries of a network failure or a short 429/503; a create's retry carries the same
   * Idempotency-Key, so it never makes a second campaign. @default 2
   */
  maxRetries?: number;
};

/** Per-request options. */
export type CampaignRequestOptions = { signal?: AbortSignal };

/** The campaign endpoints of the proxy, typed. */
export type CampaignClient = {
  /** `POST /v1/campaigns`. @default idempotencyKey crypto.randomUUID() */
  createCampaign(
    params: CampaignParams,
    options?: CampaignRequestOptions & { idempotencyKey?: string },
  ): Promise<CampaignChange>;
  /** `GET /v1/campaigns/{id}`. */
  getCampaign(id: string, options?: CampaignRequestOptions): Promise<Campaign>;
  /** `POST /v1/campaigns/{id}/recipients`: a number already in the campaign is skipped. */
  appendRecipients(
    id: string,
    recipients: CampaignRecipientInput[],
    options?: CampaignRequestOptions,
  ): Promise<CampaignChange>;
  /** `GET /v1/campaigns/{id}/recipients`, one page. */
  listRecipients(
    id: string,
    query?: { state?: CampaignRecipientState; cursor?: string; limit?: number },
    options?: CampaignRequestOptions,
  ): Promise<CampaignRecipientPage>;
  pauseCampaign(id: string, options?: CampaignRequestOptions): Promise<Campaign>;
  resumeCampaign(id: string, options?: CampaignRequestOptions): Promise<Campaign>;
  cancelCampaign(id: string, options?: CampaignRequestOptions): Promise<Campaign>;
  /**
   * Follows `GET /v1/campaigns/{id}/events` (server-sent events), calling `onProgress` with each
   * progress; resolves with the last one when the proxy ends the stream (nothing left to change).
   */
  watchCampaign(
    id: string,
    options?: CampaignRequestOptions & { onProgress?: (campaign: Campaign) => void },
  ): Promise<Campaign>;
};

const decoder = () => new TextDecoder();

/** Yields the `data` of each `event: progress` in a server-sent event stream. */
async function* progressEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const text = decoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += text.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const data = block
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trim());
      if (block.includes("event: progress") && data.length > 0) yield data.join("\n");
    }
  }
}

/**
 * Creates a typed client for the proxy's campaigns: thousands of calls paced at the account's
 * calls per second, each placed exactly once. Server-side only: it holds a campaign API key.
 * @throws TwilioValidationError naming the bad option.
 * @example
 * const campaigns = createCampaignClient({ baseUrl: "https://calls.example.com", apiKey: process.env.CAMPAIGN_KEY });
 * const { id } = await campaigns.createCampaign({ recipients: [{ to: "+15558675310", ref: "order-17" }] });
 * const final = await campaigns.watchCampaign(id, { onProgress: (c) => console.log(c.counts) });
 */
export const createCampaignClient = (options: CampaignClientOptions): CampaignClient => {
  const { baseUrl, apiKey, fetch: fetchFn = globalThis.fetch, maxRetries = 2 } = options ?? {};
  check("baseUrl", baseUrl, required);
  check("apiKey", apiKey, required);
  check("fetch", fetchFn, callable);
  check("maxRetries", maxRetries, integer(0, 10));
  const base = baseUrl.replace(/\/+$/, "");
  const transport = { base, fetch: fetchFn, getToken: () => apiKey, maxRetries };
  const path = (id: string, rest = "") => {
    check("id", id, required);
    return `/v1/campaigns/${encodeURIComponent(id)}${rest}`;
  };
  const json = { "Content-Type": "application/json" };
  const post = (to: string, body: unknown, signal?: AbortSignal, headers = json) =>
    proxyRequest(transport, {
      method: "POST",
      path: to,
      headers,
      body: JSON.stringify(body),
      signal,
    });
  const action =
    (name: string) =>
    async (id: string, { signal }: CampaignRequestOptions = {}) =>
      (await proxyRequest(transport, {
        method: "POST",
        path: path(id, `/${name}`),
        signal,
      })) as Campaign;
  return {
    createCampaign: async (params, { idempotencyKey = crypto.randomUUID(), signal } = {}) => {
      check("idempotencyKey", idempotencyKey, required);
      const headers = { ...json, "Idempotency-Key": idempotencyKey };
      return (await post("/v1/campaigns", params, signal, headers)) as CampaignChange;
    },
    getCampaign: async (id, { signal } = {}) =>
      (await proxyRequest(transport, { method: "GET", path: path(id), signal })) as Campaign,
    appendRecipients: async (id, recipients, { signal } = {}) =>
      (await post(path(id, "/recipients"), { recipients }, signal)) as CampaignChange,
    listRecipients: async (id, query = {}, { signal } = {}) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) search.set(key, String(value));
      }
      const to = path(id, `/recipients${search.size > 0 ? `?${search}` : ""}`);
      return (await proxyRequest(transport, {
        method: "GET",
        path: to,
        signal,
      })) as CampaignRecipientPage;
    },
    pauseCampaign: action("pause"),
    resumeCampaign: action("resume"),
    cancelCampaign: action("cancel"),
    watchCampaign: async (id, { signal, onProgress } = {}) => {
      const label = `GET ${path(id, "/events")}`;
      const response = await fetchFn(base + path(id, "/events"), {
        headers: { Accept: "text/event-stream", Authorization: `Bearer ${apiKey}` },
        signal: signal ?? null,
      }).catch((error: unknown) => {
        if (signal?.aborted) throw signal.reason;
        const detail = error instanceof Error ? error.message : String(error);
        const problem = { status: 0, type: "about:blank", title: "Network error", detail };
        throw new ProxyError(label, problem, { cause: error });
      });
      if (!response.ok || !response.body) {
        throw proxyErrorFrom(label, response.status, await response.text());
      }
      let last: Campaign | undefined;
      for await (const data of progressEvents(response.body)) {
        last = JSON.parse(data) as Campaign;
        onProgress?.(last);
      }
      if (!last) throw proxyErrorFrom(label, 502, "");
      return last;
    },
  };
};
