import { TwilioValidationError } from "../../src/index.js";
import {
  type CallStatusCallback,
  parseCallStatusCallback,
  validateRequest,
} from "../../src/webhooks/index.js";
import type { Env } from "../config/env.js";
import { readCapped } from "../http/body.js";
import type { Handler } from "../http/context.js";
import { fail } from "../http/problem.js";
import { callStatusOf } from "../twilio/call-status.js";
import { isObjectId, signedCallbackUrl } from "../twilio/callback-url.js";

const MAX_CALLBACK_BYTES = 16_384;

const forbidden = () =>
  fail(403, "signature_invalid", "Invalid signature", "X-Twilio-Signature is missing or wrong.");

const invalid = (detail: string) => fail(400, "callback_invalid", "Invalid callback", detail);

/** The callback's parameters, typed by the same parser the package offers every webhook handler. */
const parsed = (form: URLSearchParams): CallStatusCallback => {
  try {
    return parseCallStatusCallback(form);
  } catch (error) {
    if (error instanceof TwilioValidationError)
      throw invalid(`${error.param} is missing or unknown.`);
    throw error;
  }
};

/** Twilio's retry of a callback carries the same token; anything unlike one is not used. */
const tokenOf = (request: Request): string | null => {
  const token = request.headers.get("I-Twilio-Idempotency-Token");
  return token !== null && /^[\x21-\x7e]{1,128}$/.test(token) ? token : null;
};

/**
 * `POST /v1/twilio/status?caller=<object id>`: Twilio's signed status callbacks. The signature is
 * checked with the Auth Token (also when REST uses an API key) over exactly the URL the proxy gave
 * Twilio: `PUBLIC_URL` + path + the caller object's id, never the URL the request arrived at. Only
 * then is the id used to route the status to that object, which drops retries (same
 * `I-Twilio-Idempotency-Token`) and stale reports. Never a 5xx for bad input: Twilio would retry it.
 */
export const statusCallback: Handler = async ({ request, env, config, log }) => {
  const text = await readCapped(request, MAX_CALLBACK_BYTES).catch(() => {
    throw forbidden();
  });
  const form = new URLSearchParams(text);
  const caller = new URL(request.url).searchParams.get("caller");
  // The proxy gives Twilio no other URL, so nothing else can carry a valid signature.
  if (caller !== null && !isObjectId(caller)) throw forbidden();
  const { authToken, accountSid } = config.twilio;
  const valid = await validateRequest(
    authToken,
    request.headers.get("X-Twilio-Signature"),
    signedCallbackUrl(config, caller),
    form,
  );
  if (!valid || form.get("AccountSid") !== accountSid) throw forbidden();
  const callback = parsed(form);
  const sid = callback.callSid;
  const status = callStatusOf(callback.callStatus);
  if (status === undefined) throw invalid("CallStatus is missing or unknown.");
  log.sid = sid;
  if (caller === null) {
    // Signed for the bare URL: a call placed before call records moved into the caller's object.
    log.reason = "status_unroutable";
    return new Response(null, { status: 204 });
  }
  const object = objectOf(env, caller);
  const update = {
    status,
    at: (callback.timestamp ?? new Date()).toISOString(),
    duration: callback.callDuration,
    answeredBy: callback.answeredBy?.slice(0, 64) || undefined,
    sipResponseCode: callback.sipResponseCode,
  };
  log.reason = await object.recordStatus(sid, update, tokenOf(request));
  return new Response(null, { status: 204 });
};

const objectOf = (env: Env, caller: string) => {
  try {
    return env.CALLERS.get(env.CALLERS.idFromString(caller));
  } catch {
    // Signed by Twilio, yet not an id of this namespace (another deployment's, say).
    throw fail(400, "callback_invalid", "Invalid callback", "The caller in the URL is unknown.");
  }
};
