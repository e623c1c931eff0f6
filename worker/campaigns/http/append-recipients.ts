import { readJsonObject } from "../../http/body.js";
import type { Handler } from "../../http/context.js";
import { ProblemError } from "../../http/problem.js";
import { refuseNewCallsWhilePaused } from "../../policy/kill-switch.js";
import { authenticateCampaignCaller } from "../access.js";
import { admitRecipients } from "../admit-recipients.js";
import { MAX_CAMPAIGN_BODY_BYTES, parseAppendRecipients } from "../campaign-request.js";
import { campaignNotFound, campaignStub } from "./campaign-stub.js";

/**
 * `POST /v1/campaigns/{id}/recipients`: up to 10,000 more recipients. A number the campaign already
 * holds is skipped and counted in `duplicates`, so repeating a lost append adds nobody twice.
 */
export const appendRecipients: Handler = async ({ request, env, config, log, params }) => {
  refuseNewCallsWhilePaused(config);
  const caller = await authenticateCampaignCaller(request, config);
  log.caller = caller;
  const stub = campaignStub(env, params.id);
  const body = parseAppendRecipients(await readJsonObject(request, MAX_CAMPAIGN_BODY_BYTES));
  const answer = await stub.append(caller, admitRecipients(body.recipients, config));
  if (!answer) throw campaignNotFound();
  if (!answer.ok) throw new ProblemError(answer.problem);
  const { view, added, duplicates } = answer;
  return Response.json({ ...view, added, duplicates });
};
