import type { Env } from "../../config/env.js";
import { fail } from "../../http/problem.js";
import { isCampaignId } from "../campaign-id.js";

/** 404 for a campaign that does not exist or belongs to another caller: the two look the same. */
export const campaignNotFound = () =>
  fail(
    404,
    "campaign_not_found",
    "Campaign not found",
    "No campaign with this id was created by you.",
  );

/** The campaign object for the `id` of a path (404 for an id that cannot exist). */
export const campaignStub = (env: Env, id: string | undefined) => {
  if (!isCampaignId(id)) throw campaignNotFound();
  return env.CAMPAIGNS.get(env.CAMPAIGNS.idFromName(id));
};
