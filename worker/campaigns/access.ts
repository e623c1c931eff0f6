import { matchApiKey } from "../auth/api-key.js";
import { authenticate } from "../auth/authenticate.js";
import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";

// The caller ids of the campaign keys, computed once per config (the ids `authenticate` gives them).
const callerIds = new WeakMap<ProxyConfig, Promise<Set<string>>>();

const campaignCallerIds = (config: ProxyConfig): Promise<Set<string>> => {
  let ids = callerIds.get(config);
  if (!ids) {
    const { apiKeys } = config.campaigns;
    ids = Promise.all(apiKeys.map((key) => matchApiKey(key, config.auth.apiKeys))).then(
      (found) => new Set(found.filter((id): id is string => id !== undefined)),
    );
    callerIds.set(config, ids);
  }
  return ids;
};

/** Whether `caller` is the id of a key in `CAMPAIGN_API_KEYS` (one revoked since no longer is). */
export const isCampaignCaller = async (caller: string, config: ProxyConfig): Promise<boolean> =>
  (await campaignCallerIds(config)).has(caller);

/**
 * The caller id of a campaign caller: authenticated like any caller (401 otherwise), then only an
 * API key listed in `CAMPAIGN_API_KEYS` passes (403 otherwise: a browser's JWT or Turnstile token,
 * or a key meant for single calls, cannot start thousands of calls).
 */
export const authenticateCampaignCaller = async (
  request: Request,
  config: ProxyConfig,
): Promise<string> => {
  const caller = await authenticate(request, config);
  if (!(await isCampaignCaller(caller, config))) {
    throw fail(
      403,
      "campaigns_not_allowed",
      "Campaigns not allowed",
      "Only API keys listed in CAMPAIGN_API_KEYS may run campaigns.",
    );
  }
  return caller;
};
