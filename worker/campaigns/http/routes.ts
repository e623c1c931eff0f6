import type { Handler } from "../../http/context.js";
import { appendRecipients } from "./append-recipients.js";
import { cancelCampaign, pauseCampaign, resumeCampaign } from "./campaign-actions.js";
import { campaignStatusCallback } from "./campaign-status.js";
import { createCampaign } from "./create-campaign.js";
import { campaignEvents, getCampaign, listRecipients } from "./read-campaign.js";

/** The campaign routes: server-to-server (no CORS), plus Twilio's callbacks for campaign calls. */
export const CAMPAIGN_ROUTES: Array<{ pattern: RegExp; methods: Record<string, Handler> }> = [
  { pattern: /^\/v1\/campaigns$/, methods: { POST: createCampaign } },
  { pattern: /^\/v1\/campaigns\/(?<id>[^/]+)$/, methods: { GET: getCampaign } },
  {
    pattern: /^\/v1\/campaigns\/(?<id>[^/]+)\/recipients$/,
    methods: { GET: listRecipients, POST: appendRecipients },
  },
  { pattern: /^\/v1\/campaigns\/(?<id>[^/]+)\/pause$/, methods: { POST: pauseCampaign } },
  { pattern: /^\/v1\/campaigns\/(?<id>[^/]+)\/resume$/, methods: { POST: resumeCampaign } },
  { pattern: /^\/v1\/campaigns\/(?<id>[^/]+)\/cancel$/, methods: { POST: cancelCampaign } },
  { pattern: /^\/v1\/campaigns\/(?<id>[^/]+)\/events$/, methods: { GET: campaignEvents } },
  { pattern: /^\/v1\/twilio\/campaign-status$/, methods: { POST: campaignStatusCallback } },
];
