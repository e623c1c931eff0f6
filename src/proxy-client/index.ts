import { callable, check, fail, integer, optional, required } from "../shared/rules.js";
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
  const getCall = async (sid: string, signal?: AbortSignal) => {
    check("sid", sid, required);
    const path = `/v1/calls/${encodeURIComponent(sid)}`;
    return (await proxyRequest(transport, { method: "GET", path, signal })) as ProxyCallDetails;
  };
  return {
    createCall: async (params, { idempotencyKey = crypto.randomUUID(), signal } = {}) => {
      check("to", params?.to, required);
      check("idempotencyKey", idempotencyKey, required);
      const headers = { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey };
      const body = JSON.stringify(params);
      const request = { method: "POST", path: "/v1/calls", headers, body, signal } as const;
      return (await proxyRequest(transport, request)) as ProxyCall;
    },
    getCall: (sid, { signal } = {}) => getCall(sid, signal),
    // async, so a bad option rejects the promise like every other failure instead of throwing.
    watchCall: async (sid, watchOptions = {}) => {
      check("interval", watchOptions.interval, optional(integer(1)));
      check("maxInterval", watchOptions.maxInterval, optional(integer(1)));
      return watchCall((signal) => getCall(sid, signal), watchOptions);
    },
  };
};
