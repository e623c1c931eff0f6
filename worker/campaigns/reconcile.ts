import type { Call, CallStatus } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import { twilioClient } from "../twilio/client.js";
import type { CampaignMeta } from "./campaign-meta.js";
import { findCalls } from "./find-calls.js";
import type { RecipientRow, RecipientsTable } from "./recipients-table.js";

/** Twilio's clock and ours may differ, and Twilio dates have whole seconds: look a minute earlier. */
const CLOCK_SKEW_MS = 60_000;

/** Lookups for one unknown recipient before it is left `unknown` for a person to look at. */
export const MAX_LOOKUPS = 5;

/** What a Calls list lookup proved about a recipient whose outcome was unknown. */
export type LookupVerdict =
  | { kind: "found"; call: Call }
  | { kind: "absent" }
  | { kind: "inconclusive" };

/**
 * Looks for the call an unknown recipient's request may have made: a call to its number from the
 * campaign's caller ID created since its intent. Found: that is its call. Absent (a complete page
 * without it): Twilio placed nothing. Anything else (Twilio unreachable, a full page) proves nothing.
 */
export const lookUpRecipient = async (
  config: ProxyConfig,
  meta: CampaignMeta,
  row: RecipientRow,
): Promise<LookupVerdict> => {
  try {
    const { calls, complete } = await findCalls(config, {
      to: row.to,
      from: meta.params.from,
      createdAfter: (row.intentAt ?? row.updatedAt) - CLOCK_SKEW_MS,
    });
    const oldest = calls.reduce<Call | undefined>(
      (first, call) =>
        first === undefined ||
        (call.dateCreated?.getTime() ?? 0) < (first.dateCreated?.getTime() ?? 0)
          ? call
          : first,
      undefined,
    );
    if (oldest) return { kind: "found", call: oldest };
    return complete ? { kind: "absent" } : { kind: "inconclusive" };
  } catch {
    return { kind: "inconclusive" };
  }
};

/** A placed call's status at Twilio (its final status may have been in a callback that was lost). */
export const fetchCallStatus = async (
  config: ProxyConfig,
  sid: string,
): Promise<CallStatus | undefined> => {
  try {
    return (await twilioClient(config).calls.get(sid)).status;
  } catch {
    return undefined;
  }
};

/** Recipients reconciled per wake-up: a bounded amount of Twilio lookups at a time. */
const RECONCILE_BATCH = 20;

/** How long a recipient may stay `placing`: one request's timeout, plus room for the budget check. */
export const placingDeadlineMs = (timeoutMs: number): number => timeoutMs + 5000;

/**
 * How long a placed call may go without news before it is fetched: a call cannot ring longer than
 * its Timeout nor last longer than its TimeLimit, so before that a missing final callback is no news
 * (and a thousand live calls are not fetched every few seconds); at least `reconcileAfterMs`.
 */
export const placedQuietMs = (config: ProxyConfig, meta: CampaignMeta): number => {
  const { timeout = 0, timeLimit = 0 } = meta.params;
  return Math.max(config.campaigns.reconcileAfterMs, (timeout + timeLimit) * 1000);
};

/** What a reconciliation pass works on: one campaign's recipients, and how news is applied. */
export type ReconcileContext = {
  config: ProxyConfig;
  meta: CampaignMeta;
  recipients: RecipientsTable;
  /** Applies news about a recipient's call; false when it changed nothing. */
  news(row: RecipientRow, sid: string, status: CallStatus): boolean;
  /** Something changed (for the progress streams). */
  changed(): void;
};

const reconcileUnknown = async (context: ReconcileContext, row: RecipientRow) => {
  const { config, meta, recipients } = context;
  const verdict = await lookUpRecipient(config, meta, row);
  // A callback may have settled it while the lookup was under way.
  const fresh = recipients.get(row.seq);
  if (fresh?.state !== "unknown") return;
  const now = Date.now();
  if (verdict.kind === "found") {
    context.news(fresh, verdict.call.sid, verdict.call.status);
  } else if (verdict.kind === "inconclusive") {
    // After the last lookup it stays unknown, and is no longer looked up by itself.
    const lookups = fresh.lookups + 1;
    const reason = lookups >= MAX_LOOKUPS ? "unreconciled" : fresh.reason;
    recipients.update(row.seq, { lookups, reason, updatedAt: now });
  } else if (config.campaigns.retryAbsent && !fresh.retried && meta.state !== "canceled") {
    recipients.update(row.seq, {
      state: "pending",
      retried: true,
      reason: "retry_after_absent",
      updatedAt: now,
    });
  } else {
    recipients.update(row.seq, { state: "failed", reason: "not_placed", updatedAt: now });
  }
  context.changed();
};

/**
 * One pass over what may need reconciling: a recipient still `placing` past the deadline had its
 * request cut (a restart) and becomes `unknown`; an `unknown` one quiet for `reconcileAfterMs` is
 * looked up; a `placed` one quiet for {@link placedQuietMs} is fetched by SID (its final callback
 * may be lost).
 */
export const reconcileCampaign = async (context: ReconcileContext, now: number): Promise<void> => {
  const { config, recipients } = context;
  const deadline = now - placingDeadlineMs(config.twilio.timeoutMs);
  for (const row of recipients.staleInState("placing", deadline, 1000)) {
    recipients.update(row.seq, { state: "unknown", reason: "interrupted", updatedAt: now });
    context.changed();
  }
  const quiet = now - config.campaigns.reconcileAfterMs;
  for (const row of recipients.staleInState("unknown", quiet, RECONCILE_BATCH, MAX_LOOKUPS)) {
    await reconcileUnknown(context, row);
  }
  const silent = now - placedQuietMs(config, context.meta);
  for (const row of recipients.staleInState("placed", silent, RECONCILE_BATCH)) {
    if (!row.callSid) continue;
    const status = await fetchCallStatus(config, row.callSid);
    const fresh = recipients.get(row.seq);
    if (!fresh) continue;
    if (status === undefined || !context.news(fresh, row.callSid, status)) {
      recipients.update(row.seq, { updatedAt: Date.now() });
    }
  }
};
