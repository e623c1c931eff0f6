import type { CallStatus } from "../../src/index.js";
import type {
  CampaignCounts,
  CampaignRecipientState,
} from "../../src/proxy-client/campaign-types.js";
import { isFinalStatus } from "../../src/proxy-client/index.js";

/**
 * Where a recipient stands (the proxy client's type, so both ends agree). `placing`: its intent is
 * written and a create request may be open; `placed`: Twilio accepted the call and no final status
 * has arrived; `unknown`: the request's outcome is unknown until reconciliation proves it.
 */
export type RecipientState = CampaignRecipientState;

/** Every state, in the order the counts list them. */
export const RECIPIENT_STATES: readonly RecipientState[] = [
  "pending",
  "placing",
  "placed",
  "completed",
  "busy",
  "no-answer",
  "failed",
  "refused",
  "unknown",
  "canceled",
];

/** The states a recipient never leaves by itself. */
const FINAL: ReadonlySet<RecipientState> = new Set([
  "completed",
  "busy",
  "no-answer",
  "failed",
  "refused",
  "canceled",
]);

/** Whether `state` is one a recipient ends in. */
export const isFinalRecipientState = (state: RecipientState): boolean => FINAL.has(state);

/** Whether `value` names a recipient state (for the `state=` filter). */
export const isRecipientState = (value: string): value is RecipientState =>
  (RECIPIENT_STATES as readonly string[]).includes(value);

/** How many recipients are in each state. */
export type RecipientCounts = CampaignCounts;

/** Counts with every state at zero. */
export const zeroCounts = (): RecipientCounts =>
  Object.fromEntries(RECIPIENT_STATES.map((state) => [state, 0])) as RecipientCounts;

/**
 * The recipient state a call's status means: a final status ends the recipient in the same-named
 * state (`canceled` too: the call was canceled at Twilio), anything earlier is `placed`.
 */
export const stateOfCallStatus = (status: CallStatus): RecipientState =>
  isFinalStatus(status) ? (status as RecipientState) : "placed";

/**
 * Whether news about a call (a callback, Twilio's answer, a lookup) may move a recipient in `state`
 * holding `sid` (or none yet) to `next`. The truth about a call always wins over what the proxy only
 * believed (pending after a proven absence, `unknown`, a refusal without a call), but a final status
 * never moves, and a status never moves backwards.
 */
export const acceptsCallNews = (
  state: RecipientState,
  sid: string | null,
  newsSid: string,
  next: RecipientState,
): boolean => {
  if (sid !== null && sid !== newsSid) return false;
  if (sid === null) return true;
  if (isFinalRecipientState(state)) return false;
  return state !== "placed" || next !== "placed";
};
