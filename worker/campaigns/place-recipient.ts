import type { CallCreateParams, CallStatus } from "../../src/index.js";
import { TwilioValidationError } from "../../src/index.js";
import type { Env } from "../config/env.js";
import type { ProxyConfig } from "../config/load.js";
import { isCallSid } from "../shared/formats.js";
import { type Outcome, outcomeOfError, twilioClient, unreadableOutcome } from "../twilio/client.js";

/** A recipient whose intent is written, ready to be placed. */
export type Placement = {
  campaignId: string;
  seq: number;
  /** Which attempt this is (its intent's number): a late answer to an older one is told apart. */
  attempt: number;
  to: string;
  params: CallCreateParams;
};

/**
 * What became of one placement: `placed`; `refused` (no call exists, the recipient ends there);
 * `throttled` (not processed: back to pending); `unknown` (a call may exist); `halt` (not
 * processed, and the campaign must pause: Twilio's queue is full, the credentials are refused or
 * the daily budget is spent).
 */
export type PlaceResult =
  | { kind: "placed"; sid: string; status: CallStatus }
  | { kind: "refused"; reason: string; twilioCode: number | null }
  | { kind: "throttled" }
  | { kind: "unknown"; reason: string }
  | { kind: "halt"; reason: string; twilioCode: number | null };

/** Twilio's "queue full": the account's calls-per-second queue cannot take more. */
const QUEUE_FULL = 22005;

const resultOf = (outcome: Outcome): PlaceResult => {
  if (outcome.kind === "placed") {
    return { kind: "placed", sid: outcome.call.sid, status: outcome.call.status };
  }
  const { code, twilioCode } = outcome.problem;
  if (outcome.kind === "unknown") return { kind: "unknown", reason: code };
  if (code === "upstream_busy") return { kind: "throttled" };
  if (twilioCode === QUEUE_FULL) return { kind: "halt", reason: "twilio_queue_full", twilioCode };
  if (code === "upstream_auth_failed") {
    return { kind: "halt", reason: code, twilioCode: twilioCode ?? null };
  }
  return { kind: "refused", reason: code, twilioCode: twilioCode ?? null };
};

/** Asks Twilio once for the call; every answer or failure becomes a {@link PlaceResult}. */
export const askTwilio = async (
  config: ProxyConfig,
  params: CallCreateParams,
): Promise<PlaceResult> => {
  try {
    // No retry inside the client: a retried 429 would be a create the pacer did not time.
    const call = await twilioClient(config, 0).calls.create(params);
    return resultOf(isCallSid(call.sid) ? { kind: "placed", call } : unreadableOutcome());
  } catch (error) {
    // Refused by the core before anything was sent.
    if (error instanceof TwilioValidationError) {
      return { kind: "refused", reason: "call_params_invalid", twilioCode: null };
    }
    return resultOf(outcomeOfError(error));
  }
};

/** A reservation of the single-call budgets, or the result that ends this placement without one. */
export type Reservation = { ok: true; id: number } | { ok: false; result: PlaceResult };

const budgetOf = (env: Env) => env.BUDGET.get(env.BUDGET.idFromName("global"));

/** Gives reservation `id` back: Twilio made no call for it. */
export const releaseBudget = async (env: Env, id: number): Promise<void> => {
  await budgetOf(env)
    .release(id)
    .catch(() => undefined);
};

/**
 * Reserves what a single call takes: one unit of the global daily budget and of the destination's
 * hourly quota; {@link releaseBudget} gives it back when Twilio made no call.
 */
export const reserveBudget = async (env: Env, to: string): Promise<Reservation> => {
  const budget = budgetOf(env);
  let grant: Awaited<ReturnType<typeof budget.reserve>>;
  try {
    grant = await budget.reserve(to);
  } catch {
    // Nothing was sent: try this recipient again later.
    return { ok: false, result: { kind: "throttled" } };
  }
  if (grant.ok) return { ok: true, id: grant.id };
  const { code } = grant.problem;
  // A spent daily budget stops every recipient alike: pause rather than refuse them all.
  if (code === "global_daily_budget") {
    return { ok: false, result: { kind: "halt", reason: code, twilioCode: null } };
  }
  return { ok: false, result: { kind: "refused", reason: code, twilioCode: null } };
};
