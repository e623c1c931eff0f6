import type {
  Campaign,
  CampaignRecipient,
  CampaignState,
} from "../../src/proxy-client/campaign-types.js";
import type { RecipientCounts } from "./recipient-state.js";
import type { RecipientRow } from "./recipients-table.js";

/** `GET /v1/campaigns/{id}`: the proxy client's type, so both ends agree. */
export type CampaignView = Campaign;

/** One recipient as `GET /v1/campaigns/{id}/recipients` lists it. */
export type RecipientView = CampaignRecipient;

/** The stored state of a campaign (`done` is derived, never stored). */
export type StoredState = "running" | "paused" | "canceled";

/** The state a caller sees. */
export const campaignStateOf = (stored: StoredState, counts: RecipientCounts): CampaignState =>
  stored !== "canceled" && counts.pending + counts.placing === 0 ? "done" : stored;

/** Whether a progress stream has nothing left to report: no recipient can still change. */
export const isSettled = (state: CampaignState, counts: RecipientCounts): boolean =>
  (state === "done" || state === "canceled") &&
  counts.pending + counts.placing + counts.placed + counts.unknown === 0;

/** A stored recipient as the API shows it. */
export const recipientView = (row: RecipientRow): RecipientView => ({
  id: String(row.seq),
  to: row.to,
  ref: row.ref,
  state: row.state,
  reason: row.reason,
  twilioCode: row.twilioCode,
  callSid: row.callSid,
  attempts: row.attempts,
  updatedAt: new Date(row.updatedAt).toISOString(),
});
