import { CAMPAIGN_ROUTES } from "../campaigns/http/routes.js";
import type { Env } from "../config/env.js";
import type { ProxyConfig } from "../config/load.js";
import { callEvents } from "../handlers/call-events.js";
import { createCall } from "../handlers/create-call.js";
import { getCall } from "../handlers/get-call.js";
import { hangUpCall } from "../handlers/hang-up.js";
import { statusCallback } from "../handlers/status-callback.js";
import type { Handler, RequestContext } from "./context.js";
import { allowedOrigin, preflight } from "./cors.js";
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
  // A call's life: hang up, and its status as a stream (same auth and CORS as reading it).
  { pattern: /^\/v1\/calls\/(?<sid>[^/]+)\/hangup$/, methods: { POST: hangUpCall }, cors: true },
  { pattern: /^\/v1\/calls\/(?<sid>[^/]+)\/events$/, methods: { GET: callEvents }, cors: true },
  { pattern: /^\/v1\/twilio\/status$/, methods: { POST: statusCallback }, cors: false },
  // Campaigns: server-to-server only.
  ...CAMPAIGN_ROUTES.map((campaignRoute) => ({ ...campaignRoute, cors: false })),
  // The demo page is not a route: `npm start` serves it as static assets (`wrangler dev --assets`),
  // which a production deploy does not have.
];

const find = (path: string): { route: Route; params: Record<string, string> } => {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  throw fail(404, "not_found", "Not found", "There is nothing at this path.");
};

/**
 * Finds the route, checks method and Origin, answers preflights, and runs the handler. `onOrigin`
 * learns the Origin to answer CORS for as soon as it is known, so that a problem thrown afterwards
 * carries the CORS headers too.
 */
export const route = async (
  request: Request,
  env: Env,
  config: ProxyConfig,
  log: LogFields,
  onOrigin: (origin: string | undefined) => void,
): Promise<Response> => {
  const { route: found, params } = find(new URL(request.url).pathname);
  const methods = Object.keys(found.methods).concat(found.cors ? ["OPTIONS"] : []);
  const origin = found.cors ? allowedOrigin(request, config) : undefined;
  onOrigin(origin);
  if (found.cors && request.method === "OPTIONS") return preflight(origin, methods);
  const handler = found.methods[request.method];
  if (!handler) {
    throw fail(405, "method_not_allowed", "Method not allowed", `Use ${methods.join(" or ")}.`, {
      headers: { Allow: methods.join(", ") },
    });
  }
  const context: RequestContext = { request, env, config, log, params };
  return handler(context);
};

/**
 * The route a path matched, as its template (`/v1/calls/{sid}`), or `unmatched`: metrics group by
 * it, and never see a raw path, which may hold anything a client sent.
 */
export const routeTemplate = (path: string): string => {
  const found = ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!found) return "unmatched";
  return found.pattern.source
    .replace(/^\^|\$$/g, "")
    .replace(/\(\?<(\w+)>[^)]*\)/g, "{$1}")
    .replace(/\\\//g, "/");
};
