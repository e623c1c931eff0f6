import type { Handler } from "../../http/context.js";
import { ProblemError } from "../../http/problem.js";
import { authenticateCampaignCaller } from "../access.js";
import type { ActionAnswer } from "../campaign-object.js";
import { campaignNotFound, campaignStub } from "./campaign-stub.js";

type Action = "pause" | "resume" | "cancel";

/**
 * `POST /v1/campaigns/{id}/pause`, `/resume`, `/cancel`: idempotent; the pacer claims no recipient
 * of a paused or canceled campaign from that moment on. Cancel also cancels every pending recipient.
 */
const campaignAction =
  (action: Action): Handler =>
  async ({ request, env, config, log, params }) => {
    const caller = await authenticateCampaignCaller(request, config);
    log.caller = caller;
    const stub = campaignStub(env, params.id);
    const answer: ActionAnswer | null = await stub[action](caller);
    if (!answer) throw campaignNotFound();
    if (!answer.ok) throw new ProblemError(answer.problem);
    return Response.json(answer.view);
  };

export const pauseCampaign = campaignAction("pause");
export const resumeCampaign = campaignAction("resume");
export const cancelCampaign = campaignAction("cancel");
