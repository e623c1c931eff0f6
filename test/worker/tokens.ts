import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import { AUDIENCE, ISSUER, SECRETS } from "./fixtures.js";

type Alg = "HS256" | "RS256" | "ES256";

const pairs = {
  RS256: await generateKeyPair("RS256", { extractable: true }),
  ES256: await generateKeyPair("ES256", { extractable: true }),
};

/** The JWKS the fake identity provider serves: the public RS256 and ES256 keys. */
export const jwks: { keys: JWK[] } = {
  keys: [
    { ...(await exportJWK(pairs.RS256.publicKey)), kid: "rs", alg: "RS256", use: "sig" },
    { ...(await exportJWK(pairs.ES256.publicKey)), kid: "es", alg: "ES256", use: "sig" },
  ],
};

/** A key nobody published, for forged tokens. */
const stranger = await generateKeyPair("RS256", { extractable: true });

export type TokenOptions = {
  alg?: Alg;
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  secret?: string;
  forged?: boolean;
};

/** Signs a JWT the way the tests' identity provider would (or forges one). */
export const signJwt = async (subject: string, options: TokenOptions = {}): Promise<string> => {
  const alg = options.alg ?? "HS256";
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg, kid: alg === "ES256" ? "es" : "rs", typ: "JWT" })
    .setSubject(subject)
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 300));
  if (alg === "HS256") {
    return jwt.sign(new TextEncoder().encode(options.secret ?? SECRETS.PROXY_JWT_SECRET));
  }
  return jwt.sign(options.forged ? stranger.privateKey : pairs[alg].privateKey);
};
