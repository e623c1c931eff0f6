import type { ResourceStatus } from "./call-resource.js";
import { isFinal } from "./progress.js";
import {
  type Check,
  firstProblem,
  methodsAt,
  oneOfAt,
  type Problem,
  problem,
  timeLimit,
  twimlLength,
  urlsAt,
} from "./validate-params.js";

/** The parameters of Twilio's UpdateCall; any other key is ignored, as Twilio does. */
export const UPDATE_PARAMS = [
  "Url",
  "Method",
  "Status",
  "FallbackUrl",
  "FallbackMethod",
  "StatusCallback",
  "StatusCallbackMethod",
  "Twiml",
  "TimeLimit",
] as const;

const UPDATE_CHECKS: readonly Check[] = [
  oneOfAt({ Status: ["canceled", "completed"] }),
  urlsAt(["Url", "FallbackUrl", "StatusCallback"]),
  methodsAt(["Method", "FallbackMethod", "StatusCallbackMethod"]),
  twimlLength,
  timeLimit,
];

/** What an accepted update does: end the call with a final status, redirect it, or neither. */
export type UpdatePlan = { end?: "canceled" | "completed"; redirect: boolean };

// Twilio's one wording for an update it refuses because of the call's state (error 21220).
const NOT_IN_PROGRESS = "Call is not in-progress. Cannot redirect.";

/**
 * What an UpdateCall `form` does to a call in `status`, or the problem Twilio answers with.
 * - `Status=canceled` hangs up a queued or ringing call (final `canceled`) and refuses an answered
 *   one: Twilio documents that it "will not affect calls already in progress".
 * - `Status=completed` hangs up any live call. A call not yet answered ends `canceled`, not
 *   `completed`: Twilio's `completed` means a connection was made, `canceled` that the call was
 *   ended through the REST API before it was answered.
 * - `Url` or `Twiml` (without `Status`) redirects a live call; it stays in its status.
 * - A call that already ended accepts nothing (21220).
 */
export const planUpdate = (status: ResourceStatus, form: URLSearchParams): UpdatePlan | Problem => {
  const invalid = firstProblem(form, UPDATE_CHECKS);
  if (invalid) return invalid;
  const given = UPDATE_PARAMS.some((key) => form.has(key));
  if (isFinal(status)) return given ? problem(21220, NOT_IN_PROGRESS) : { redirect: false };
  const wanted = form.get("Status");
  if (wanted === "canceled" && status === "in-progress") {
    return problem(
      21220,
      "Call is in-progress. Cannot cancel: Status=canceled only ends a queued or ringing call; use Status=completed to hang up.",
    );
  }
  if (wanted) return { end: status === "in-progress" ? "completed" : "canceled", redirect: false };
  return { redirect: form.has("Url") || form.has("Twiml") };
};

/**
 * Writes an accepted update's parameters into the call's own parameters (`target`), so later
 * callbacks and timers use them. The call runs one set of instructions: a new `Url` replaces its
 * `Twiml`, and the other way round.
 */
export const applyUpdateParams = (target: URLSearchParams, form: URLSearchParams): void => {
  for (const key of UPDATE_PARAMS) {
    const value = form.get(key);
    if (value !== null && key !== "Status") target.set(key, value);
  }
  if (form.has("Url")) target.delete("Twiml");
  else if (form.has("Twiml")) target.delete("Url");
};
