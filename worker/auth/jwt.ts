import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
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

/** Three base64url parts: what a compact JWS looks like (an API key never does). */
export const looksLikeJwt = (token: string): boolean =>
  /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && token.startsWith("eyJ");

/**
 * Verifies a JWT (HS256 with `PROXY_JWT_SECRET`, or RS256/ES256 with a key from `AUTH_JWKS_URL`),
 * pinning issuer, audience, algorithm and requiring `exp` and `sub`; returns `sub`, or undefined
 * when the token is not acceptable. Throws a 503 problem when the key set cannot be fetched.
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
    requiredClaims: ["exp", "sub"],
    clockTolerance: 5,
  };
  if (algorithm === "HS256" && auth.jwtSecret !== undefined) {
    const secret = new TextEncoder().encode(auth.jwtSecret);
    return jwtVerify(token, secret, { ...options, algorithms: ["HS256"] }).then(
      ({ payload }) => payload.sub,
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
      return payload.sub;
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
