import type { ProxyConfig } from "./config.js";
import type { Handler, RequestContext } from "./context.js";
import { allowedOrigin, preflight } from "./cors.js";
import type { Env } from "./env.js";
import { createCall } from "./handlers/create-call.js";
import { getCall } from "./handlers/get-call.js";
import { statusCallback } from "./handlers/status-callback.js";
import type { LogFields } from "./log.js";
import { fail } from "./problem.js";

type Route = {
  pattern: RegExp;
  methods: Record<string, Handler>;
  /** Browser-facing: Origin checked against CORS_ORIGINS, preflight answered. */
  cors: boolean;
};

const ROUTES: Route[] = [
  { pattern: /^\/v1\/calls$/, methods: { POST: createCall }, cors: true },
  { pattern: /^\/v1\/calls\/(?<sid>[^/]+)$/, methods: { GET: getCall }, cors: true },
  { pattern: /^\/v1\/twilio\/status$/, methods: { POST: statusCallback }, cors: false },
  // The demo page is not a route: `npm start` serves it as static assets (`wrangler dev --assets`),
  // which a production deploy does not have.
];

/** What routing decided: the response, and the Origin to answer CORS for (if any). */
export type Routed = { response: Response; origin: string | undefined };

/** Finds the route, checks method and Origin, answers preflights, and runs the handler. */
export const route = async (
  request: Request,
  env: Env,
  config: ProxyConfig,
  log: LogFields,
  onOrigin: (origin: string | undefined) => void,
): Promise<Response> => {
  const path = new URL(request.url).pathname;
  const found = ROUTES.map((candidate) => ({
    candidate,
    match: candidate.pattern.exec(path),
  })).find(({ match }) => match !== null);
  if (!found) throw fail(404, "not_found", "Not found", "There is nothing at this path.");
  const { candidate, match } = found;
  const methods = Object.keys(candidate.methods).concat(candidate.cors ? ["OPTIONS"] : []);
  const origin = candidate.cors ? allowedOrigin(request, config) : undefined;
  onOrigin(origin);
  if (candidate.cors && request.method === "OPTIONS") return preflight(origin, methods);
  const handler = candidate.methods[request.method];
  if (!handler) {
    throw fail(405, "method_not_allowed", "Method not allowed", `Use ${methods.join(" or ")}.`, {
      headers: { Allow: methods.join(", ") },
    });
  }
  const context: RequestContext = { request, env, config, log, params: { ...match?.groups } };
  return handler(context);
};
