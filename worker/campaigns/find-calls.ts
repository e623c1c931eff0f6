import { type Call, callFromJson } from "../../src/calls/call.js";
import { resolveConfig } from "../../src/calls/config.js";
import { requestJson } from "../../src/calls/request.js";
import type { ProxyConfig } from "../config/load.js";
import { clientConfigOf } from "../twilio/client.js";

/** One page, newest first: enough, since the per-destination hourly limit keeps the list short. */
const PAGE_SIZE = 50;

/** What a lookup found: the calls to `to` from `from` created at or after `createdAfter`. */
export type FoundCalls = {
  calls: Call[];
  /** False when the page was full of newer calls, so an absence would prove nothing. */
  complete: boolean;
};

/**
 * Asks Twilio's Calls list for the calls to `to` from `from` created at or after `createdAfter` (ms),
 * in one bounded page. It filters on `To` and `From`, not `StartTime`: a call still waiting in
 * Twilio's queue has no start time yet, and an absence must not overlook it.
 * @throws the core's errors when Twilio cannot be asked.
 */
export const findCalls = async (
  config: ProxyConfig,
  query: { to: string; from: string; createdAfter: number },
): Promise<FoundCalls> => {
  const resolved = resolveConfig(clientConfigOf(config, 1));
  const search = new URLSearchParams({
    To: query.to,
    From: query.from,
    PageSize: String(PAGE_SIZE),
  });
  const page = (await requestJson(resolved, "GET", `/Calls.json?${search}`)) as {
    calls?: unknown;
  };
  const all = Array.isArray(page.calls) ? page.calls.map(callFromJson) : [];
  const newer = all.filter(
    (call) => call.dateCreated !== null && call.dateCreated.getTime() >= query.createdAfter,
  );
  return { calls: newer, complete: all.length < PAGE_SIZE || newer.length < all.length };
};
