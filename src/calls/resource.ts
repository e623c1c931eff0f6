import { check, required } from "../shared/rules.js";
import type { Call } from "./call.js";
import { callFromJson } from "./call.js";
import { type CallContext, callContext } from "./call-context.js";
import { type CallEach, type CallList, type CallPage, callList } from "./call-list.js";
import { CALL_CREATE_RULES } from "./call-param-rules.js";
import type { CallCreateParams, CallPageParams } from "./call-params.js";
import { formOf } from "./form.js";
import type { RequestOptions, Send } from "./request.js";

/**
 * The Calls resource of a client, shaped as the official package's `client.calls`: call it with a SID
 * for one call (`calls(sid).fetch()`, `.update()`, `.remove()`), or use its methods.
 */
export type CallsResource = {
  /** One call by its SID (`CA…`), checked when a method is called. */
  (sid: string): CallContext;
  /**
   * Creates (places) a call. Parameters are checked before anything is sent; a 429 is retried, nothing
   * else is, since a second attempt after an unknown outcome could ring someone twice.
   * @throws TwilioValidationError, TwilioApiError, TwilioTimeoutError, TwilioNetworkError
   */
  create(params: CallCreateParams, options?: RequestOptions): Promise<Call>;
  /** Fetches a call by its SID (`CA…`): the same as `calls(sid).fetch()`. */
  get(sid: string, options?: RequestOptions): Promise<Call>;
  /** Lists calls, newest first, across pages; `list.iterate(...)` is the async-iterator form. */
  readonly list: CallList;
  /**
   * Calls `callback(call, done)` for each call that matches, page by page; resolves at the end, at
   * `limit`, or when the callback calls `done()`.
   * @example
   * await twilio.calls.each({ to: "+15558675310" }, (call) => console.log(call.sid, call.status));
   */
  readonly each: CallEach;
  /** Reads one page of calls; its `nextPage()` reads the next. */
  page(params?: CallPageParams, options?: RequestOptions): Promise<CallPage>;
};

/** The Calls resource of a client: its `send`, its Calls URL, and `root` where Twilio's paging links are resolved. */
export const callsResource = (send: Send, callsUrl: string, root: string): CallsResource => {
  const calls = (sid: string) => callContext(send, callsUrl, sid);
  return Object.assign(calls, callList(send, callsUrl, root), {
    create: (params: CallCreateParams, options?: RequestOptions) =>
      send("POST", `${callsUrl}.json`, options, callFromJson, () => {
        // Every parameter is checked against its documented rule and encoded as the official library does.
        check("to", params?.to, required);
        check("from", params?.from, required);
        return formOf(params, CALL_CREATE_RULES, "a parameter of calls.create");
      }),
    get: (sid: string, options?: RequestOptions) => calls(sid).fetch(options),
  });
};
