import type { ProxyConfig } from "../config/load.js";
import { ProblemError } from "../http/problem.js";
import { checkDestination } from "../policy/destination.js";
import type { RecipientInput } from "./campaign-request.js";
import type { NewRecipient } from "./recipients-table.js";

/**
 * Checks each recipient against the destination policy of single calls; a refused one is kept, as
 * `refused` with the policy's reason code, and the others go on. (The budget and the per-destination
 * quota are taken when each call is placed, and the policy is checked once more then.)
 */
export const admitRecipients = (
  inputs: readonly RecipientInput[],
  config: ProxyConfig,
): NewRecipient[] =>
  inputs.map(({ to, ref }) => {
    const reason = destinationRefusal(to, config);
    return { to, ref: ref ?? null, state: reason === null ? "pending" : "refused", reason };
  });

/** The destination policy's reason code for refusing `to` (`to_not_e164`, …), or null if it passes. */
export const destinationRefusal = (to: string, config: ProxyConfig): string | null => {
  try {
    checkDestination(to, config);
    return null;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return error.problem.code;
  }
};
