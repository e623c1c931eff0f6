import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from "jose";
import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";

const keySets = new Map<string, JWTVerifyGetKey>();

const remoteKeys = (url: string): JWTVerifyGetKey => {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    keySets.set(url, keys);
  }
  return keys;
};

// jose throws a bare JOSEError (ERR_JOSE_GENERIC) when the key set answers other than 200 or with
// something that is not JSON, and the fetch's own error when the host cannot be reached.
const KEY_SET_DOWN = new Set(["ERR_JOSE_GENERIC", "ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID"]);

const keySetDown = (error: unknown): boolean =>
  !(error instanceof errors.JOSEError) || KEY_SET_DOWN.has(error.code);

/**
 * A subject the proxy can use as an identity: a non-empty string of at most 256 UTF-16 units with
 * no control characters (C0, DEL, C1), no invisible format characters (bidi overrides, zero-width),
 * no line or paragraph separators and no lone surrogates (which UTF-8 turns into U+FFFD, so two
 * subjects would name one caller).
 */
const isUsableSubject = (sub: unknown): sub is string =>
  typeof sub === "string" &&
  sub.length > 0 &&
  sub.length <= 256 &&
  !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(sub);

const CLOCK_TOLERANCE_S = 5;

/**
 * With `AUTH_JWT_MAX_AGE` set, a token must carry `iat`, must not be issued in the future (which
 * would stretch its life past the bound) and may live `exp - iat` seconds at most.
 */
const withinMaxAge = (payload: JWTPayload, maxAge: number | undefined): boolean => {
  if (maxAge === undefined) return true;
  const { iat, exp } = payload;
  if (typeof iat !== "number" || typeof exp !== "number") return false;
  return iat <= Date.now() / 1000 + CLOCK_TOLERANCE_S && exp - iat <= maxAge;
};

/** The caller id of an acceptable payload from `source`, or undefined. */
const callerOf = (
  payload: JWTPayload,
  source: "hs" | "jwks",
  auth: ProxyConfig["auth"],
): string | undefined =>
  isUsableSubject(payload.sub) && withinMaxAge(payload, auth.jwtMaxAge)
    ? `jwt:${source}:${payload.sub}`
    : undefined;

/** Three base64url parts: what a compact JWS looks like (an API key never does). */
export const looksLikeJwt = (token: string): boolean =>
  /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && token.startsWith("eyJ");

/**
 * Verifies a JWT (HS256 with `PROXY_JWT_SECRET`, or RS256/ES256 with a key from `AUTH_JWKS_URL`),
 * pinning issuer, audience, algorithm and requiring `exp` and a usable `sub` (and `iat` within
 * `AUTH_JWT_MAX_AGE` when it is set). Returns the caller id, bound to the key that signed it
 * (`jwt:hs:<sub>` or `jwt:jwks:<sub>`: whoever holds the HS256 secret cannot act as a JWKS user), or
 * undefined when the token is not acceptable. Throws a 503 problem when the key set cannot be fetched.
 */
export const verifyJwt = async (
  token: string,
  auth: ProxyConfig["auth"],
): Promise<string | undefined> => {
  let algorithm: string | undefined;
  try {
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
  const options: JWTVerifyOptions = {
    issuer: auth.issuer,
    audience: auth.audience,
    requiredClaims: auth.jwtMaxAge === undefined ? ["exp", "sub"] : ["exp", "sub", "iat"],
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  if (algorithm === "HS256" && auth.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(auth.jwtSecret);
    return jwtVerify(token, secret, { ...options, algorithms: ["HS256"] }).then(
      ({ payload }) => callerOf(payload, "hs", auth),
      () => undefined,
    );
  }
  if ((algorithm === "RS256" || algorithm === "ES256") && auth.jwksUrl !== undefined) {
    const keys = remoteKeys(auth.jwksUrl);
    try {
      const { payload } = await jwtVerify(token, keys, {
        ...options,
        algorithms: ["RS256", "ES256"],
      });
      return callerOf(payload, "jwks", auth);
    } catch (error) {
      if (!keySetDown(error)) return undefined;
      throw fail(
        503,
        "auth_unavailable",
        "Authentication unavailable",
        "The signing keys could not be fetched; try again shortly.",
        { retryAfter: 5 },
      );
    }
  }
  return undefined;
};
