import { check, fail, matches, type Rule, required } from "../shared/rules.js";
import type { Call } from "./call.js";
import { callFromJson } from "./call.js";
import { CALL_CREATE_RULES } from "./call-param-rules.js";
import type { CallCreateParams } from "./call-params.js";
import type { ResolvedConfig } from "./config.js";
import { type RequestOptions, requestJson } from "./request.js";

/** The Calls resource of a client. */
export type CallsResource = {
  /**
   * Creates (places) a call. Parameters are checked before anything is sent; a 429 is retried, nothing
   * else is, since a second attempt after an unknown outcome could ring someone twice.
   * @throws TwilioValidationError, TwilioApiError, TwilioTimeoutError, TwilioNetworkError
   */
  create(params: CallCreateParams, options?: RequestOptions): Promise<Call>;
  /** Fetches a call by its SID (`CA…`). */
  get(sid: string, options?: RequestOptions): Promise<Call>;
};

const unknownParam: Rule = () => "is not a parameter of calls.create (a typo? names are camelCase)";

/** Checks every parameter against its documented rule and encodes them as the official library does. */
export const callCreateForm = (params: CallCreateParams): URLSearchParams => {
  const form = new URLSearchParams();
  check("to", params?.to, required);
  check("from", params?.from, required);
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    const known = Object.hasOwn(CALL_CREATE_RULES, key);
    check(key, raw, known ? CALL_CREATE_RULES[key as keyof CallCreateParams] : unknownParam);
    const formKey = key[0]?.toUpperCase() + key.slice(1);
    for (const item of [raw].flat()) {
      const text = String(item);
      // URLSearchParams would send U+FFFD instead of a lone surrogate: refuse rather than change it.
      if (/\p{Cs}/u.test(text)) fail(key, "must not hold a lone surrogate");
      form.append(formKey, text);
    }
  }
  return form;
};

/** The Calls resource bound to one client's config. */
export const callsResource = (config: ResolvedConfig): CallsResource => ({
  create: async (params, options) =>
    callFromJson(await requestJson(config, "POST", "/Calls.json", options, callCreateForm(params))),
  get: async (sid, options) => {
    check("sid", sid, matches(/^CA[0-9a-fA-F]{32}$/));
    return callFromJson(await requestJson(config, "GET", `/Calls/${sid}.json`, options));
  },
});
