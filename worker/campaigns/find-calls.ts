import type { Call } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import { twilioClient } from "../twilio/client.js";

/** One bounded read, newest first: the per-destination hourly limit keeps this list short. */
const LIMIT = 50;

/** What a lookup found: the calls to `to` from `from` created at or after `createdAfter`. */
export type FoundCalls = {
  calls: Call[];
  /** False when every call read was newer, so that an absence would prove nothing. */
  complete: boolean;
};

/**
 * Asks Twilio's Calls list for the calls to `to` from `from` created at or after `createdAfter` (ms),
 * reading at most 50. It filters on `To` and `From`, not `StartTime`: a call still waiting in
 * Twilio's queue has no start time yet, and an absence must not overlook it.
 * @throws the core's errors when Twilio cannot be asked.
 */
export const findCalls = async (
  config: ProxyConfig,
  query: { to: string; from: string; createdAfter: number },
): Promise<FoundCalls> => {
  const all = await twilioClient(config).calls.list({
    to: query.to,
    from: query.from,
    limit: LIMIT,
  });
  const newer = all.filter(
    (call) => call.dateCreated !== null && call.dateCreated.getTime() >= query.createdAfter,
  );
  return { calls: newer, complete: all.length < LIMIT || newer.length < all.length };
};
