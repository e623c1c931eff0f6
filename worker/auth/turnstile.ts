import { fail } from "../http/problem.js";

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/**
 * Asks Cloudflare whether a Turnstile token is valid (tokens are single-use and expire after five
 * minutes). Throws a 503 problem when siteverify cannot be reached.
 */
export const verifyTurnstile = async (
  token: string,
  secret: string,
  ip: string | null,
): Promise<boolean> => {
  if (token.length === 0 || token.length > 2048) return false;
  const form = new URLSearchParams({ secret, response: token });
  if (ip) form.set("remoteip", ip);
  let outcome: unknown;
  try {
    const response = await fetch(SITEVERIFY, { method: "POST", body: form });
    outcome = response.ok ? await response.json() : undefined;
  } catch {
    outcome = undefined;
  }
  if (!outcome || typeof outcome !== "object") {
    throw fail(
      503,
      "auth_unavailable",
      "Authentication unavailable",
      "The Turnstile token could not be checked; try again shortly.",
      { retryAfter: 5 },
    );
  }
  return (outcome as { success?: unknown }).success === true;
};
