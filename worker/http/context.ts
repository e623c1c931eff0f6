import type { Env } from "../config/env.js";
import type { ProxyConfig } from "../config/load.js";
import type { LogFields } from "./log.js";

/** Everything a route handler gets: the request, bindings, validated config and its log fields. */
export type RequestContext = {
  request: Request;
  env: Env;
  config: ProxyConfig;
  log: LogFields;
  /** Named parts of the path, such as `sid`. */
  params: Record<string, string>;
};

/** A route handler. Refusals are thrown as `ProblemError`. */
export type Handler = (context: RequestContext) => Promise<Response>;
