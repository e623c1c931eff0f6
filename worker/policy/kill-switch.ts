import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";

/** How long a paused proxy asks clients to wait before they try again. */
const PAUSED_RETRY_AFTER_S = 300;

/**
 * The kill switch (`CALLS_PAUSED`): while it is on, every request for new calls (one call, a
 * campaign, more recipients) is refused with 503 before anything is spent: no quota, no Twilio
 * request, no single-use Turnstile token. Status, callbacks, hang-ups and campaign controls go on.
 */
export const refuseNewCallsWhilePaused = (config: ProxyConfig): void => {
  if (config.callsPaused) {
    throw fail(
      503,
      "calls_paused",
      "Calls paused",
      "The proxy is not placing new calls right now; try again later.",
      { retryAfter: PAUSED_RETRY_AFTER_S },
    );
  }
};
