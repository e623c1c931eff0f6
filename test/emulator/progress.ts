import { type CallResource, rfc2822 } from "./call-resource.js";
import type { CallOutcome } from "./special-destinations.js";

/** A status as status callbacks report it (`initiated` exists only there, not on the resource). */
export type CallbackStatus = "initiated" | "ringing" | "in-progress" | CallOutcome;

/** The `StatusCallbackEvent` that announces a status. */
export type ProgressEvent = "initiated" | "ringing" | "answered" | "completed";

/** The statuses a call goes through after `queued`, for each way it can end. */
export const stepsFor = (outcome: CallOutcome): CallbackStatus[] => {
  if (outcome === "completed") return ["initiated", "ringing", "in-progress", "completed"];
  if (outcome === "failed") return ["initiated", "failed"];
  return ["initiated", "ringing", outcome];
};

/** The event a status belongs to: every final status is announced by the `completed` event. */
export const eventOf = (status: CallbackStatus): ProgressEvent => {
  if (status === "initiated" || status === "ringing") return status;
  return status === "in-progress" ? "answered" : "completed";
};

/** Whole seconds between two RFC 2822 dates. */
const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * Moves the stored resource to `status` at time `now`: start_time when answered; end_time and
 * duration only when the call completed (Twilio leaves them empty for busy, failed, no-answer).
 */
export const applyStatus = (
  call: CallResource,
  status: CallbackStatus,
  now: number,
  answeredBy: string | null,
): void => {
  call.date_updated = rfc2822(now);
  if (status === "initiated") return;
  call.status = status;
  if (status === "in-progress") {
    call.start_time = rfc2822(now);
    call.answered_by = answeredBy;
  }
  if (status === "completed" && call.start_time) {
    call.end_time = rfc2822(now);
    call.duration = String(secondsBetween(call.start_time, call.end_time));
  }
};
