import type { RecipientCounts, RecipientState } from "./recipient-state.js";
import type { RecipientRow } from "./recipients-table.js";

/** A campaign's state as answered: `done` once nothing is pending or placing. */
export type CampaignState = "running" | "paused" | "canceled" | "done";

/** `GET /v1/campaigns/{id}`. */
export type CampaignView = {
  id: string;
  state: CampaignState;
  /** Why it is paused (`paused_by_caller`, `twilio_queue_full`, …), else null. */
  reason: string | null;
  counts: RecipientCounts;
  total: number;
  /** The account's pacing rate, shared by all its running campaigns. */
  ratePerSecond: number;
  createdAt: string;
};

/** One recipient as `GET /v1/campaigns/{id}/recipients` lists it. */
export type RecipientView = {
  id: string;
  to: string;
  ref: string | null;
  state: RecipientState;
  reason: string | null;
  twilioCode: number | null;
  callSid: string | null;
  attempts: number;
  updatedAt: string;
};

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
