/** The proxy's settings for the tests; the secrets are listed so the scan can look for them. */
export const SECRETS = {
  TWILIO_AUTH_TOKEN: "authtoken_0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  TWILIO_API_SECRET: "apisecret_9a8b7c6d5e4f30211203f4e5d6c7b8a9",
  PROXY_API_KEYS: "pk_test_alpha_7d3f9a1c5e2b8d40,pk_test_bravo_2c8e4a6f1d9b3e57",
  PROXY_JWT_SECRET: "jwt_secret_for_tests_5f2a8c1e9d3b7f4a6c0e",
  // Shaped like a real secret: Cloudflare's always-pass test secrets are refused outside local development.
  TURNSTILE_SECRET_KEY: "0x4AAAAAAAfixture_turnstile_secret_8e2c1d7a",
};

export const API_KEY = "pk_test_alpha_7d3f9a1c5e2b8d40";
export const OTHER_API_KEY = "pk_test_bravo_2c8e4a6f1d9b3e57";
export const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const TWILIO_HOST = "twilio.test";
export const PUBLIC_URL = "https://proxy.test";
export const JWKS_URL = "https://auth.test/.well-known/jwks.json";
export const ISSUER = "https://auth.test/";
export const AUDIENCE = "twilio-edge-calls";
export const APP_ORIGIN = "https://app.example.com";
export const CALLER_IDS = ["+14155550100", "+14155550101"];

export const FLOWS = {
  greeting: { url: "https://app.example.com/twiml/greeting" },
  survey: { twiml: "<Response><Say>Hello</Say></Response>", record: true, timeLimit: 120 },
};

/** Settings every test starts from (a test overrides or removes some). */
export const BASE_ENV: Record<string, string> = {
  ...SECRETS,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_API_KEY: "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  TWILIO_BASE_URL: `https://${TWILIO_HOST}`,
  PUBLIC_URL,
  AUTH_JWKS_URL: JWKS_URL,
  AUTH_JWT_ISSUER: ISSUER,
  AUTH_JWT_AUDIENCE: AUDIENCE,
  CORS_ORIGINS: `${APP_ORIGIN},https://admin.example.com`,
  CALLER_IDS: CALLER_IDS.join(","),
  CALL_FLOWS: JSON.stringify(FLOWS),
  ALLOWED_COUNTRIES: "US,CA,GB",
  LIMIT_CALLER_PER_MINUTE: "5",
  LIMIT_CALLER_PER_DAY: "50",
  LIMIT_DESTINATION_PER_HOUR: "3",
  LIMIT_GLOBAL_PER_DAY: "1000",
};

/** A valid US number that libphonenumber classes FIXED_LINE_OR_MOBILE, distinct per `n`. */
export const usNumber = (n: number): string => `+1415555${String(2000 + n).padStart(4, "0")}`;

/** Headers of a caller using API key `apiKey`, with an `Idempotency-Key` when one is given. */
export const asCaller = (apiKey: string, idempotencyKey?: string): Record<string, string> => ({
  Authorization: `Bearer ${apiKey}`,
  ...(idempotencyKey === undefined ? {} : { "Idempotency-Key": idempotencyKey }),
});
