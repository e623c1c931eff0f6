import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from "jose";
import type { ProxyConfig } from "./config.js";
import { fail } from "./problem.js";

const keySets = new Map<string, JWTVerifyGetKey>();

const remoteKeys = (url: string): JWTVerifyGetKey => {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    keySets.set(url, keys);
  }
  return keys;
};

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
  try {
    if (algorithm === "HS256" && auth.jwtSecret !== undefined) {
      const secret = new TextEncoder().encode(auth.jwtSecret);
      const { payload } = await jwtVerify(token, secret, { ...options, algorithms: ["HS256"] });
      return payload.sub;
    }
    if ((algorithm === "RS256" || algorithm === "ES256") && auth.jwksUrl !== undefined) {
      const keys = remoteKeys(auth.jwksUrl);
      const { payload } = await jwtVerify(token, keys, {
        ...options,
        algorithms: ["RS256", "ES256"],
      });
      return payload.sub;
    }
    return undefined;
  } catch (error) {
    const keySetDown =
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      !(error instanceof errors.JOSEError);
    if (keySetDown) {
      throw fail(
        503,
        "auth_unavailable",
        "Authentication unavailable",
        "The signing keys could not be fetched; try again shortly.",
        { retryAfter: 5 },
      );
    }
    return undefined;
  }
};
