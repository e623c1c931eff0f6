import type { Call, CallStatus } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import { twilioClient } from "../twilio/client.js";
import type { CampaignMeta } from "./campaign-meta.js";
import { findCalls } from "./find-calls.js";
import type { RecipientRow } from "./recipients-table.js";

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
