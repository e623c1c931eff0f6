import { validateWebhookSignature } from "../../src/webhooks/index.js";
import { readCapped } from "../http/body.js";
import type { Handler } from "../http/context.js";
import { fail } from "../http/problem.js";
import { isCallSid } from "../shared/formats.js";
import { callStatusOf } from "../twilio/call-status.js";

const MAX_CALLBACK_BYTES = 16_384;

const forbidden = () =>
  fail(403, "signature_invalid", "Invalid signature", "X-Twilio-Signature is missing or wrong.");

const dateOf = (value: string | null): string => {
  const time = value === null ? Number.NaN : Date.parse(value);
  return new Date(Number.isNaN(time) ? Date.now() : time).toISOString();
};

/**
 * `POST /v1/twilio/status`: Twilio's signed status callbacks. The signature is checked over
 * `PUBLIC_URL` + path with the Auth Token (also when REST uses an API key); the status goes to the
 * call's object, which ignores stale reports. Never a 5xx for bad input: Twilio would retry it.
 */
export const statusCallback: Handler = async ({ request, env, config, log }) => {
  const text = await readCapped(request, MAX_CALLBACK_BYTES).catch(() => {
    throw forbidden();
  });
  const form = new URLSearchParams(text);
  const { authToken, accountSid } = config.twilio;
  const valid = await validateWebhookSignature({
    authToken,
    signature: request.headers.get("X-Twilio-Signature"),
    url: config.statusCallbackUrl,
    params: form,
  });
  if (!valid || form.get("AccountSid") !== accountSid) throw forbidden();
  const sid = form.get("CallSid");
  const status = callStatusOf(form.get("CallStatus") ?? "");
  if (!isCallSid(sid) || status === undefined) {
    throw fail(
      400,
      "callback_invalid",
      "Invalid callback",
      "CallSid or CallStatus is missing or unknown.",
    );
  }
  log.sid = sid;
  const duration = Number(form.get("CallDuration") ?? Number.NaN);
  const applied = await env.CALLS.get(env.CALLS.idFromName(sid)).applyStatus(sid, {
    status,
    at: dateOf(form.get("Timestamp")),
    duration: Number.isInteger(duration) && duration >= 0 ? duration : undefined,
    answeredBy: form.get("AnsweredBy")?.slice(0, 64) || undefined,
  });
  log.reason = applied ? "status_applied" : "status_stale";
  return new Response(null, { status: 204 });
};
