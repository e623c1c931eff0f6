import type { Env } from "../config/env.js";
import type { ProxyConfig } from "../config/load.js";
import type { NarrowedCall } from "../policy/call-request.js";
import { isCallSid } from "../shared/formats.js";
import { type Outcome, outcomeOfError, twilioClient, unreadableOutcome } from "./client.js";
import type { CreateAnswer } from "./create-answer.js";

const budgetOf = (env: Env) => env.BUDGET.get(env.BUDGET.idFromName("global"));

const askTwilio = async (config: ProxyConfig, call: NarrowedCall): Promise<Outcome> => {
  try {
    const placed = await twilioClient(config).calls.create(call.params);
    if (isCallSid(placed.sid)) return { kind: "placed", call: placed };
    // A 2xx without a call SID: something answered, but not with a call we can track.
    return unreadableOutcome();
  } catch (error) {
    return outcomeOfError(error);
  }
};

/**
 * Takes the global budget and asks Twilio, with status callbacks sent to `statusCallback`. The
 * budget is given back when Twilio refused (no call exists); it stays spent when the outcome is
 * unknown, since a call may be ringing. `keep` tells the caller's object to do the same with its own
 * quota and the answer; the object records the call itself, so this is the only other round trip.
 */
export const placeCall = async (
  env: Env,
  config: ProxyConfig,
  call: NarrowedCall,
  statusCallback: string,
): Promise<{ answer: CreateAnswer; keep: boolean }> => {
  const budget = budgetOf(env);
  const grant = await budget.reserve(call.to);
  if (!grant.ok) return { answer: { ok: false, problem: grant.problem }, keep: false };
  const outcome = await askTwilio(config, { ...call, params: { ...call.params, statusCallback } });
  if (outcome.kind !== "placed") {
    if (outcome.kind === "refused") await budget.release(grant.id);
    return { answer: { ok: false, problem: outcome.problem }, keep: outcome.kind === "unknown" };
  }
  const { sid, status } = outcome.call;
  const createdAt = (outcome.call.dateCreated ?? new Date()).toISOString();
  const created = { sid, status, to: call.to, from: call.from, flow: call.flow, createdAt };
  return { answer: { ok: true, call: created }, keep: true };
};
