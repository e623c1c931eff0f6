import { idempotencyKeyOf } from "../../handlers/create-call.js";
import { readJsonObject } from "../../http/body.js";
import type { Handler } from "../../http/context.js";
import { ProblemError } from "../../http/problem.js";
import { narrowCall } from "../../policy/call-request.js";
import { refuseNewCallsWhilePaused } from "../../policy/kill-switch.js";
import { sha256Hex } from "../../shared/digest.js";
import { authenticateCampaignCaller } from "../access.js";
import { admitRecipients } from "../admit-recipients.js";
import { newCampaignId } from "../campaign-id.js";
import { MAX_CAMPAIGN_BODY_BYTES, parseCreateCampaign } from "../campaign-request.js";
import { campaignStub } from "./campaign-stub.js";

/**
 * `POST /v1/campaigns`: a campaign caller's list of recipients with one flow and caller ID, each
 * recipient checked by the destination policy. 201 with `{ id, state, counts, … }`; the same
 * Idempotency-Key with the same body answers the same campaign again.
 */
export const createCampaign: Handler = async ({ request, env, config, log }) => {
  refuseNewCallsWhilePaused(config);
  const caller = await authenticateCampaignCaller(request, config);
  log.caller = caller;
  const idempotencyKey = idempotencyKeyOf(request);
  const body = parseCreateCampaign(await readJsonObject(request, MAX_CAMPAIGN_BODY_BYTES));
  // The flow and caller ID are narrowed exactly as for one call; `to` is set per recipient.
  const { params, flow, from } = narrowCall({ to: "", from: body.from, flow: body.flow }, config);
  const id = await newCampaignId(caller, idempotencyKey);
  const answer = await campaignStub(env, id).create({
    id,
    owner: caller,
    fingerprint: await sha256Hex(JSON.stringify(body)),
    accountSid: config.twilio.accountSid,
    params,
    flow,
    from,
    recipients: admitRecipients(body.recipients, config),
  });
  if (!answer.ok) throw new ProblemError(answer.problem);
  const headers: Record<string, string> = { Location: `/v1/campaigns/${id}` };
  if (answer.replayed) {
    log.replayed = true;
    headers["Idempotency-Replayed"] = "true";
  }
  const { view, added, duplicates } = answer;
  return Response.json({ ...view, added, duplicates }, { status: 201, headers });
};
