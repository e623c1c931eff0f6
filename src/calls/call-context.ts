import { check } from "../shared/rules.js";
import { type Call, callFromJson } from "./call.js";
import { CALL_UPDATE_RULES, callSid } from "./call-param-rules.js";
import type { CallUpdateParams } from "./call-params.js";
import { formOf } from "./form.js";
import type { RequestOptions, Send } from "./request.js";

/** One call, as `client.calls(sid)` gives it: the official package's `CallContext` methods. */
export type CallContext = {
  /** Reads the call. A 429, a 5xx or a failed fetch is retried. */
  fetch(options?: RequestOptions): Promise<Call>;
  /**
   * Changes a call: `{ status: "canceled" }` ends it while queued or ringing, `{ status: "completed" }`
   * hangs it up in any state, `{ url }` or `{ twiml }` redirects a live call. Parameters are checked as
   * create checks them; only a 429 is retried (a second redirect would restart the new TwiML).
   * @example
   * await twilio.calls(sid).update({ status: "completed" });
   */
  update(params: CallUpdateParams, options?: RequestOptions): Promise<Call>;
  /**
   * Deletes the call's record (Twilio allows it for ended calls only); resolves `true`. Retried like a
   * read: deleting twice deletes nothing more, and a 404 after an attempt that may have reached Twilio
   * counts as done.
   */
  remove(options?: RequestOptions): Promise<boolean>;
};

/** `client.calls(sid)`, for a client's `send` and its Calls URL; the SID is checked when a method is called. */
export const callContext = (send: Send, callsUrl: string, sid: string): CallContext => {
  const one = (
    method: "GET" | "POST" | "DELETE",
    options: RequestOptions | undefined,
    form?: () => URLSearchParams,
  ) =>
    send(method, `${callsUrl}/${sid}.json`, options, callFromJson, () => {
      // The parameters first, then the SID.
      const body = form?.();
      check("sid", sid, callSid);
      return body;
    });
  return {
    fetch: (options) => one("GET", options),
    update: (params, options) =>
      one("POST", options, () =>
        formOf(params, CALL_UPDATE_RULES, "a parameter of calls(sid).update"),
      ),
    // The sender resolves a DELETE to `true` on success before any body is read.
    remove: (options) => one("DELETE", options) as Promise<never>,
  };
};
