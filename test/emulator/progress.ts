import { type CallResource, rfc2822 } from "./call-resource.js";
import type { CallOutcome, Destination } from "./special-destinations.js";

/** A status as status callbacks report it (`initiated` exists only there, not on the resource). */
export type CallbackStatus = "initiated" | "ringing" | "in-progress" | CallOutcome | "canceled";

/** The `StatusCallbackEvent` that announces a status. */
export type ProgressEvent = "initiated" | "ringing" | "answered" | "completed";

/**
 * One move of a call to `status`. `after` says when: `"step"` one progress step after the previous
 * move; `"Timeout"` or `"TimeLimit"` when the create's parameter of that name runs out (never, when
 * it was not given: the call holds until hung up).
 */
export type Step = { status: CallbackStatus; after: "step" | "Timeout" | "TimeLimit" };

const each = (...statuses: CallbackStatus[]): Step[] =>
  statuses.map((status) => ({ status, after: "step" }));

/** The moves a call makes after `queued`, for its destination. */
export const stepsFor = (destination: Destination): Step[] => {
  const { outcome, holds } = destination;
  if (holds === "ringing") {
    return [...each("initiated", "ringing"), { status: outcome, after: "Timeout" }];
  }
  if (holds === "in-progress") {
    return [
      ...each("initiated", "ringing", "in-progress"),
      { status: outcome, after: "TimeLimit" },
    ];
  }
  if (outcome === "completed") return each("initiated", "ringing", "in-progress", "completed");
  if (outcome === "failed") return each("initiated", "failed");
  return each("initiated", "ringing", outcome);
};

/** The event a status belongs to: every final status is announced by the `completed` event. */
export const eventOf = (status: CallbackStatus): ProgressEvent => {
  if (status === "initiated" || status === "ringing") return status;
  return status === "in-progress" ? "answered" : "completed";
};

/** Whether a call in `status` has ended: nothing can change it any more. */
export const isFinal = (status: string): boolean =>
  status !== "queued" && status !== "ringing" && status !== "in-progress";

/** Whole seconds between two RFC 2822 dates. */
const secondsBetween = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * Moves the stored resource to `status` at time `now`: start_time when answered; end_time and
 * duration only when the call completed (Twilio leaves them empty for busy, failed, no-answer and
 * canceled: the call was never connected).
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
