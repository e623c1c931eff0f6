import type { CallStatus } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import type { Problem } from "../http/problem.js";
import type { StatusUpdate } from "./call-status.js";
import { AUTH_DETAIL, BUSY_DETAIL, BUSY_RETRY_AFTER, failureOf, twilioClient } from "./client.js";
import { statusUpdateOf } from "./look-up.js";

/**
 * What Twilio made of a hang-up: `accepted` (with the call as Twilio then reported it), `refused`
 * (a 4xx such as 21220: the call is not in a state this status can end: it ended on its own, or a
 * cancel met a call answered meanwhile) or `failed` (the problem to answer; Twilio may or may not
 * have ended the call).
 */
export type HangUpOutcome =
  | { kind: "accepted"; update: StatusUpdate }
  | { kind: "refused"; twilioCode: number | undefined }
  | { kind: "failed"; problem: Problem };

const failed = (status: number, code: string, detail: string, extra: Partial<Problem> = {}) => ({
  kind: "failed" as const,
  problem: { status, code, title: "Twilio did not end the call", detail, ...extra },
});

const UNKNOWN_DETAIL =
  "Twilio did not confirm the hang-up; the call may or may not have ended. Its status will follow, and hanging up again is safe.";

/** What ends a call in `status`: a queued or ringing call is canceled, an answered one completed. */
export const hangUpStatusFor = (status: CallStatus): "canceled" | "completed" =>
  status === "in-progress" ? "completed" : "canceled";

/** Asks Twilio, with the core's `calls(sid).update`, to give the call `sid` the final `status`. */
export const hangUpAtTwilio = async (
  config: ProxyConfig,
  sid: string,
  status: "canceled" | "completed",
): Promise<HangUpOutcome> => {
  try {
    const answer = await twilioClient(config).calls(sid).update({ status });
    return { kind: "accepted", update: statusUpdateOf(answer) };
  } catch (error) {
    const { kind, twilioCode } = failureOf(error);
    switch (kind) {
      case "refused":
        return { kind: "refused", twilioCode };
      case "busy":
        return failed(503, "upstream_busy", BUSY_DETAIL, { retryAfter: BUSY_RETRY_AFTER });
      case "auth":
        return failed(502, "upstream_auth_failed", AUTH_DETAIL, { twilioCode });
      case "timeout":
        return failed(504, "hangup_outcome_unknown", UNKNOWN_DETAIL);
      default:
        return failed(502, "hangup_outcome_unknown", UNKNOWN_DETAIL);
    }
  }
};
