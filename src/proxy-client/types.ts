import type { CallStatus } from "../calls/call.js";

/** A call's state as the proxy reports it (Twilio's statuses). */
export type ProxyCallStatus = CallStatus;

/** The call the proxy answers with when it creates one (`201` of `POST /v1/calls`). */
export type ProxyCall = {
  /** The Twilio call SID (`CA…`). */
  sid: string;
  status: ProxyCallStatus;
  /** The number called, E.164. */
  to: string;
  /** The caller ID the proxy used. */
  from: string;
  /** The flow (server-side call configuration) the call runs. */
  flow: string;
  /** When the call was created, an ISO 8601 string. */
  createdAt: string;
};

/** A call's current state (`GET /v1/calls/{sid}`). */
export type ProxyCallDetails = ProxyCall & {
  /** When the status last changed, an ISO 8601 string. */
  updatedAt: string;
  /** Seconds the call lasted; null until it ends. */
  duration: number | null;
  /** Who answered (`human`, `machine_start`, …) when machine detection ran; else null. */
  answeredBy: string | null;
  /**
   * Why the call ended, as the SIP response code Twilio reported with its final status (`486` busy,
   * `404` no such number, `480` unavailable, `603` declined, …); null until then or when not reported.
   */
  sipResponseCode: number | null;
};

/** What a frontend may ask for; everything else is decided by the proxy's configuration. */
export type ProxyCallParams = {
  /** The number to call, E.164 (`+15558675310`). */
  to: string;
  /** One of the caller IDs the proxy is configured with. @default the proxy's default */
  from?: string;
  /** The name of a configured flow. @default the proxy's default flow */
  flow?: string;
};

/** Per-request options. */
export type ProxyRequestOptions = {
  /** Aborts the request and any wait before a retry; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
};

/** Options of `createCall`. */
export type ProxyCreateCallOptions = ProxyRequestOptions & {
  /**
   * Identifies this call attempt: the proxy creates at most one call per key. Reuse it when you retry
   * yourself after an unknown outcome. @default crypto.randomUUID()
   */
  idempotencyKey?: string;
};

/** Options of `watchCall`. */
export type WatchCallOptions = ProxyRequestOptions & {
  /** Called with the call each time its status changes, including the first status seen. */
  onStatus?: (call: ProxyCallDetails) => void;
  /**
   * Milliseconds before the next poll (or before opening a dropped stream again) after a change;
   * grows by half while nothing changes. @default 1000
   */
  interval?: number;
  /** The longest wait between two polls or two stream connections, in milliseconds. @default 10000 */
  maxInterval?: number;
};

/** Options of {@link ProxyClient}. Give `token` or `getToken`. */
export type ProxyClientOptions = {
  /** The proxy's base URL, such as `https://calls.example.com` (or `/api` on the same origin). */
  baseUrl: string;
  /** A bearer token sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Returns the bearer token; called before every request, so it can refresh an expiring token. */
  getToken?: () => string | Promise<string>;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Retries of a network failure, or of a 429/503 whose `Retry-After` asks for at most 10 s. Safe for
   * `createCall`: each retry carries the same `Idempotency-Key`. @default 2
   */
  maxRetries?: number;
};

/** A client for the twilio-edge-calls proxy, for browsers and other frontends. */
export type ProxyClient = {
  /**
   * Places a call through the proxy. Retries a dropped connection with the same `Idempotency-Key`,
   * so it rings at most once.
   * @throws ProxyError (with `status` 0 for a network failure), TwilioValidationError
   */
  createCall(params: ProxyCallParams, options?: ProxyCreateCallOptions): Promise<ProxyCall>;
  /** The current state of a call this caller created. @throws ProxyError, TwilioValidationError */
  getCall(sid: string, options?: ProxyRequestOptions): Promise<ProxyCallDetails>;
  /**
   * Ends a call this caller created: a queued or ringing call is canceled, a live one completed.
   * Resolves with the call's state after the hang-up (already-ended calls included: it is
   * idempotent, so a dropped connection is retried like `createCall`'s, with no risk).
   * @throws ProxyError (404 for a call that is not this caller's), TwilioValidationError
   * @example
   * const call = await proxy.hangUp(sid); // call.status: "canceled" or "completed"
   */
  hangUp(sid: string, options?: ProxyRequestOptions): Promise<ProxyCallDetails>;
  /**
   * Follows a call until it ends (completed, busy, failed, no-answer or canceled) and resolves with
   * its final state. Listens to the proxy's event stream (`GET /v1/calls/{sid}/events`), so each
   * change arrives as it happens; opens it again if it drops, and polls instead (less often while
   * the status stays the same) where the stream is not available.
   * @throws ProxyError, TwilioValidationError; the signal's reason when aborted
   */
  watchCall(sid: string, options?: WatchCallOptions): Promise<ProxyCallDetails>;
};
