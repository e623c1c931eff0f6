import type { Env } from "./config/env.js";
import { loadConfig } from "./config/load.js";
import { withCors } from "./http/cors.js";
import { type LogFields, logRequest } from "./http/log.js";
import { recordRequestMetric } from "./http/metrics.js";
import { fail, ProblemError, problemResponse } from "./http/problem.js";
import { route } from "./http/router.js";

export { CampaignObject } from "./campaigns/campaign-object.js";
export { PacerObject } from "./campaigns/pacer-object.js";
export { BudgetObject } from "./objects/budget.js";
export { CallerObject } from "./objects/caller.js";

const answer = async (
  request: Request,
  env: Env,
  log: LogFields,
  onOrigin: (origin: string | undefined) => void,
): Promise<Response> => {
  try {
    const loaded = loadConfig(env);
    if (!loaded.ok) {
      log.setting = loaded.issue.setting;
      log.error = loaded.issue.message;
      throw fail(
        500,
        "config_invalid",
        "Proxy misconfigured",
        "The proxy's configuration is invalid; its logs name the setting.",
      );
    }
    return await route(request, env, loaded.config, log, onOrigin);
  } catch (error) {
    if (error instanceof ProblemError) {
      log.reason = error.problem.code;
      return problemResponse(error.problem);
    }
    log.reason = "internal_error";
    log.error = error instanceof Error ? error.name : "unknown";
    return problemResponse({
      status: 500,
      code: "internal_error",
      title: "Internal error",
      detail: "Something went wrong in the proxy.",
    });
  }
};

/**
 * The proxy: one JSON log line and one metrics data point per request, CORS for allowed origins,
 * problem JSON for every error.
 */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const startedAt = Date.now();
    const log: LogFields = {};
    let origin: string | undefined;
    const inner = await answer(request, env, log, (allowed) => {
      origin = allowed;
    });
    const response = withCors(inner, origin);
    logRequest(request, response.status, startedAt, log);
    recordRequestMetric(env.METRICS, request, response.status, startedAt, log);
    return response;
  },
} satisfies ExportedHandler<Env>;
