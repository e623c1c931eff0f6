import type { ProxyConfig } from "../config/load.js";
import { fail } from "./problem.js";

const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, cf-turnstile-response";

/**
 * The request's `Origin` when it is one of `CORS_ORIGINS`; undefined when there is none (a server
 * caller) or when it is the proxy's own origin (a page the proxy serves itself). A browser page from
 * any other origin is refused before anything else happens.
 */
export const allowedOrigin = (request: Request, config: ProxyConfig): string | undefined => {
  const origin = request.headers.get("Origin");
  if (origin === null) return undefined;
  if (origin === config.publicOrigin) return undefined;
  if (!config.corsOrigins.includes(origin)) {
    throw fail(
      403,
      "origin_not_allowed",
      "Origin not allowed",
      "This origin may not use the proxy.",
    );
  }
  return origin;
};

/** Answers a CORS preflight for an allowed origin. */
export const preflight = (origin: string | undefined, methods: string[]): Response => {
  if (origin === undefined) {
    throw fail(400, "not_a_preflight", "Not a CORS preflight", "OPTIONS needs an Origin header.");
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Methods": methods.join(", "),
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
    },
  });
};

/** Adds the CORS headers for `origin` (echoed, never `*`); every response varies by Origin. */
export const withCors = (response: Response, origin: string | undefined): Response => {
  const headers = new Headers(response.headers);
  headers.append("Vary", "Origin");
  if (origin !== undefined) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Expose-Headers", "Retry-After, Idempotency-Replayed");
  }
  return new Response(response.body, { status: response.status, headers });
};
