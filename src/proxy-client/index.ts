import { callable, check, fail, integer, optional, required } from "../shared/rules.js";
import { callEvents } from "./event-stream.js";
import { proxyRequest } from "./request.js";
import type { ProxyCall, ProxyCallDetails, ProxyClient, ProxyClientOptions } from "./types.js";
import { watchCall } from "./watch.js";

export { TwilioError, TwilioValidationError } from "../shared/errors.js";
export * from "./campaigns.js";
export { ProxyError, type ProxyProblem } from "./error.js";
export type * from "./types.js";
export { isFinalStatus } from "./watch.js";

/**
 * Creates a client for the twilio-edge-calls proxy: the way a browser places and follows calls
 * without ever holding Twilio credentials. Options are checked at once.
 * @throws TwilioValidationError naming the bad option.
 * @example
 * const proxy = createProxyClient({ baseUrl: "https://calls.example.com", getToken: () => session.jwt });
 * const call = await proxy.createCall({ to: "+15558675310" });
 * const final = await proxy.watchCall(call.sid, { onStatus: (c) => show(c.status) });
 * // elsewhere, when the person presses Hang up:
 * await proxy.hangUp(call.sid);
 */
export const createProxyClient = (options: ProxyClientOptions): ProxyClient => {
  const {
    baseUrl,
    token,
    getToken,
    fetch: fetchFn = globalThis.fetch,
    maxRetries = 2,
  } = options ?? {};
  check("baseUrl", baseUrl, required);
  check("fetch", fetchFn, callable);
  check("maxRetries", maxRetries, integer(0, 10));
  check("token", token, optional(required));
  if ((token === undefined) === (getToken === undefined)) {
    fail("token", "give either token or getToken (a function)");
  }
  check("getToken", getToken, optional(callable));
  const transport = {
    base: baseUrl.replace(/\/+$/, ""),
    fetch: fetchFn,
    getToken: getToken ?? (() => token as string),
    maxRetries,
  };
  const callPath = (sid: string) => {
    check("sid", sid, required);
    return `/v1/calls/${encodeURIComponent(sid)}`;
  };
  const onCall = (method: "GET" | "POST", path: string, signal?: AbortSignal) =>
    proxyRequest(transport, { method, path, signal }) as Promise<ProxyCallDetails>;
  return {
    createCall: async (params, { idempotencyKey = crypto.randomUUID(), signal } = {}) => {
      check("to", params?.to, required);
      check("idempotencyKey", idempotencyKey, required);
      return proxyRequest(transport, {
        method: "POST",
        path: "/v1/calls",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
        body: JSON.stringify(params),
        signal,
      }) as Promise<ProxyCall>;
    },
    getCall: async (sid, { signal } = {}) => onCall("GET", callPath(sid), signal),
    hangUp: async (sid, { signal } = {}) => onCall("POST", `${callPath(sid)}/hangup`, signal),
    // async, so a bad option rejects the promise like every other failure instead of throwing.
    watchCall: async (sid, watchOptions = {}) => {
      check("interval", watchOptions.interval, optional(integer(1)));
      check("maxInterval", watchOptions.maxInterval, optional(integer(1)));
      const path = callPath(sid);
      return watchCall(
        (signal) => callEvents(transport, `${path}/events`, signal),
        (signal) => onCall("GET", path, signal),
        watchOptions,
      );
    },
  };
};
