/** Where one recipient of a campaign stands. */
export type CampaignRecipientState =
  /** Waiting for its turn. */
  | "pending"
  /** Its intent is written and its create request may be open. */
  | "placing"
  /** Twilio accepted the call; no final status yet. */
  | "placed"
  | "completed"
  | "busy"
  | "no-answer"
  | "failed"
  /** Refused by the proxy's policy or by Twilio, with a reason; no call was made. */
  | "refused"
  /** The create request's outcome is unknown (being reconciled; never re-sent blindly). */
  | "unknown"
  | "canceled";

/** How many recipients are in each state. */
export type CampaignCounts = Record<CampaignRecipientState, number>;

/** A campaign's state: `done` once no recipient is pending or placing. */
export type CampaignState = "running" | "paused" | "canceled" | "done";

/** A campaign (`GET /v1/campaigns/{id}`). */
export type Campaign = {
  id: string;
  state: CampaignState;
  /** Why it is paused (`paused_by_caller`, `twilio_queue_full`, `global_daily_budget`, …); else null. */
  reason: string | null;
  counts: CampaignCounts;
  /** Recipients in the campaign. */
  total: number;
  /** The account's pacing rate, shared by all its running campaigns. */
  ratePerSecond: number;
  /** ISO 8601. */
  createdAt: string;
};

/** The answer to a create or an append: the campaign, and what the request added. */
export type CampaignChange = Campaign & {
  /** Recipients added by this request. */
  added: number;
  /** Recipients skipped because the campaign already held their number. */
  duplicates: number;
};

/** One recipient of a campaign, with its outcome. */
export type CampaignRecipient = {
  /** Its id within the campaign: its position, from "1". */
  id: string;
  to: string;
  ref: string | null;
  state: CampaignRecipientState;
  /** The reason code of a refusal, failure or unknown outcome; else null. */
  reason: string | null;
  /** Twilio's error code when Twilio refused it. */
  twilioCode: number | null;
  /** The call's SID once known. */
  callSid: string | null;
  /** Create requests started for it. */
  attempts: number;
  /** ISO 8601. */
  updatedAt: string;
};

/** One page of recipients; pass `next` as `cursor` for the following page (null: the last). */
export type CampaignRecipientPage = { recipients: CampaignRecipient[]; next: string | null };

/** A recipient to add: an E.164 number and an optional reference of yours (up to 128 characters). */
export type CampaignRecipientInput = { to: string; ref?: string };

/** What a campaign calls with: a configured flow and caller ID (the proxy's defaults when left out). */
export type CampaignParams = {
  flow?: string;
  from?: string;
  /** At most 10,000 per request; append more with `appendRecipients`. */
  recipients: CampaignRecipientInput[];
};
