import type { CampaignObject } from "../campaigns/campaign-object.js";
import type { PacerObject } from "../campaigns/pacer-object.js";
import type { BudgetObject } from "../objects/budget.js";
import type { CallObject } from "../objects/call.js";
import type { CallerObject } from "../objects/caller.js";

/**
 * The worker's bindings: the settings of wrangler.toml `[vars]` and the secrets (all optional here;
 * `config.ts` decides what is required), plus the three Durable Object namespaces.
 */
export type Env = {
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_API_KEY?: string;
  TWILIO_API_SECRET?: string;
  TWILIO_BASE_URL?: string;
  TWILIO_TIMEOUT_MS?: string | number;
  PUBLIC_URL?: string;
  PROXY_API_KEYS?: string;
  PROXY_JWT_SECRET?: string;
  AUTH_JWKS_URL?: string;
  AUTH_JWT_ISSUER?: string;
  AUTH_JWT_AUDIENCE?: string;
  TURNSTILE_SECRET_KEY?: string;
  CORS_ORIGINS?: string;
  CALLER_IDS?: string;
  CALL_FLOWS?: string | Record<string, unknown>;
  ALLOWED_COUNTRIES?: string;
  LIMIT_CALLER_PER_MINUTE?: string | number;
  LIMIT_CALLER_PER_DAY?: string | number;
  LIMIT_DESTINATION_PER_HOUR?: string | number;
  LIMIT_GLOBAL_PER_DAY?: string | number;
  CALL_TIME_LIMIT?: string | number;
  RING_TIMEOUT?: string | number;
  CAMPAIGN_API_KEYS?: string;
  CAMPAIGN_CALLS_PER_SECOND?: string | number;
  CAMPAIGN_MAX_IN_FLIGHT?: string | number;
  CAMPAIGN_RETRY_ABSENT?: string | boolean;
  CAMPAIGN_RECONCILE_SECONDS?: string | number;
  CALLERS: DurableObjectNamespace<CallerObject>;
  BUDGET: DurableObjectNamespace<BudgetObject>;
  CALLS: DurableObjectNamespace<CallObject>;
  CAMPAIGNS: DurableObjectNamespace<CampaignObject>;
  PACERS: DurableObjectNamespace<PacerObject>;
};
