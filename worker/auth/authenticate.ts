import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";
import { addressId } from "./address-id.js";
import { matchApiKey } from "./api-key.js";
import { looksLikeJwt, verifyJwt } from "./jwt.js";
import { verifyTurnstile } from "./turnstile.js";

const unauthorized = (code: string, detail: string) =>
  fail(401, code, "Unauthorized", detail, { headers: { "WWW-Authenticate": "Bearer" } });

/**
 * Who is calling: `key:<hash prefix>` for an API key, `jwt:hs:<sub>` or `jwt:jwks:<sub>` for a JWT
 * (named by the key that signed it), `turnstile:<keyed IP hash>` for a Turnstile token (an anonymous
 * widget has no better identity than its address). Quotas and call ownership hang on this id.
 * Throws a 401 problem for missing or wrong credentials.
 */
export const authenticate = async (request: Request, config: ProxyConfig): Promise<string> => {
  const { auth } = config;
  const header = request.headers.get("Authorization");
  const turnstile = request.headers.get("cf-turnstile-response");
  if (header !== null) {
    const token = /^Bearer ([\x21-\x7e]{1,4096})$/.exec(header)?.[1];
    if (token === undefined) {
      throw unauthorized("credentials_invalid", "Authorization must be `Bearer <API key or JWT>`.");
    }
    if (looksLikeJwt(token) && (auth.jwtSecret !== undefined || auth.jwksUrl !== undefined)) {
      const caller = await verifyJwt(token, auth);
      if (caller !== undefined) return caller;
    } else if (auth.apiKeys.length > 0) {
      const id = await matchApiKey(token, auth.apiKeys);
      if (id !== undefined) return id;
    }
    throw unauthorized(
      "credentials_invalid",
      "The credentials are not valid (wrong key, or a JWT that is expired, forged or for someone else).",
    );
  }
  const { turnstileSecret } = auth;
  if (turnstile !== null && turnstileSecret !== undefined) {
    const ip = request.headers.get("CF-Connecting-IP");
    const verdict = await verifyTurnstile(turnstile, auth, ip);
    if (verdict === "valid") {
      return `turnstile:${await addressId(ip ?? "unknown", turnstileSecret)}`;
    }
    throw unauthorized(
      "credentials_invalid",
      verdict === "elsewhere"
        ? "The Turnstile token was solved on another site or for another action."
        : "The Turnstile token is not valid, expired or already used.",
    );
  }
  throw unauthorized(
    "credentials_missing",
    "Send `Authorization: Bearer <API key or JWT>` or a `cf-turnstile-response` token.",
  );
};
