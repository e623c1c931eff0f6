/**
 * Cloudflare's documented Turnstile test keys: the secrets always pass, always fail or always say
 * "already spent", whatever the token; the site keys belong in a page, never in a secret. A deploy
 * whose only authentication is an always-pass secret is an open proxy.
 */
const TURNSTILE_TEST_KEYS: ReadonlySet<string> = new Set([
  "1x0000000000000000000000000000000AA",
  "2x0000000000000000000000000000000AA",
  "3x0000000000000000000000000000000AA",
  "1x00000000000000000000AA",
  "2x00000000000000000000AB",
  "1x00000000000000000000BB",
  "2x00000000000000000000BB",
  "3x00000000000000000000FF",
]);

/** Whether `secret` is one of Cloudflare's Turnstile test keys. */
export const isTurnstileTestKey = (secret: string): boolean =>
  TURNSTILE_TEST_KEYS.has(secret.trim());

/**
 * Values that stand for "put yours here": those of `.dev.vars.example` (`change-me-to-a-long-random-key`,
 * `your_auth_token`, `ACxxxx…`) and their usual cousins. None is a real credential, anywhere.
 */
const PLACEHOLDERS: readonly RegExp[] = [
  /^(change|replace)[-_ ]?me\b/i,
  /^your[-_ ]/i,
  /^[A-Za-z]{2}x{8,}$/,
  /^x{8,}$/i,
  /^<[^<>]*>$/,
  /…/,
];

const isPlaceholder = (value: string): boolean =>
  PLACEHOLDERS.some((pattern) => pattern.test(value));

/**
 * The first setting (each item of a comma-separated one too) that holds a placeholder, in any mode.
 * `CALL_FLOWS` is JSON, not a credential, and is left to its schema.
 */
export const findPlaceholder = (
  raw: Record<string, unknown>,
): { setting: string; message: string } | undefined => {
  for (const [setting, value] of Object.entries(raw)) {
    if (typeof value !== "string" || setting === "CALL_FLOWS") continue;
    if (value.split(",").some((item) => isPlaceholder(item.trim()))) {
      return {
        setting,
        message: "holds a placeholder value (as in .dev.vars.example): set your own value",
      };
    }
  }
  return undefined;
};
