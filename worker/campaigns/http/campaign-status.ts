import { validateWebhookSignature } from "../../../src/webhooks/index.js";
import { readCapped } from "../../http/body.js";
import type { Handler } from "../../http/context.js";
import { fail } from "../../http/problem.js";
import { isCallSid } from "../../shared/formats.js";
import { callStatusOf } from "../../twilio/call-status.js";
import { isCampaignId, parseRecipientId } from "../campaign-id.js";

const MAX_CALLBACK_BYTES = 16_384;

const forbidden = () =>
  fail(403, "signature_invalid", "Invalid signature", "X-Twilio-Signature is missing or wrong.");

/**
 * `POST /v1/twilio/campaign-status?campaign=…&recipient=…`: the status callbacks of campaign calls.
 * The signature is checked over the full URL (PUBLIC_URL, path and query, which names the campaign
 * and the recipient) before anything else is read; then the campaign object applies the status.
 */
export const campaignStatusCallback: Handler = async ({ request, env, config, log }) => {
  const text = await readCapped(request, MAX_CALLBACK_BYTES).catch(() => {
    throw forbidden();
  });
  const form = new URLSearchParams(text);
  const { search, searchParams } = new URL(request.url);
  const { authToken, accountSid } = config.twilio;
  const valid = await validateWebhookSignature({
    authToken,
    signature: request.headers.get("X-Twilio-Signature"),
    url: `${config.campaigns.statusCallbackUrl}${search}`,
    params: form,
  });
  if (!valid || form.get("AccountSid") !== accountSid) throw forbidden();
  const campaign = searchParams.get("campaign");
  const recipient = parseRecipientId(searchParams.get("recipient"));
  const sid = form.get("CallSid");
  const status = callStatusOf(form.get("CallStatus") ?? "");
  if (!isCampaignId(campaign) || recipient === undefined || !isCallSid(sid) || !status) {
    throw fail(
      400,
      "callback_invalid",
      "Invalid callback",
      "campaign, recipient, CallSid or CallStatus is missing or unknown.",
    );
  }
  log.sid = sid;
  const stub = env.CAMPAIGNS.get(env.CAMPAIGNS.idFromName(campaign));
  const applied = await stub.applyCallback(recipient, sid, status);
  log.reason = applied ? "status_applied" : "status_stale";
  return new Response(null, { status: 204 });
};
