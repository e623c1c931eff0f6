import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
const ATTEMPT_TIMEOUT_MS = 5_000;

/** How a token stands: confirmed for this site, refused, or confirmed for another site or action. */
export type TurnstileVerdict = "valid" | "invalid" | "elsewhere";

type SiteverifyAnswer = { success?: unknown; hostname?: unknown; action?: unknown };

/** One siteverify request: its answer, or whether trying again could help (network error, 5xx). */
const ask = async (
  form: URLSearchParams,
): Promise<{ answer: SiteverifyAnswer } | { transient: boolean }> => {
  try {
    const response = await fetch(SITEVERIFY, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    if (!response.ok) return { transient: response.status >= 500 };
    const answer: unknown = await response.json();
    return answer && typeof answer === "object" ? { answer } : { transient: false };
  } catch {
    return { transient: true };
  }
};

/**
 * Asks Cloudflare whether a Turnstile token is valid (tokens are single-use and expire after five
 * minutes), then whether it was solved on one of `TURNSTILE_HOSTNAMES` for `TURNSTILE_ACTION`.
 * A network error or 5xx is retried once with the same `idempotency_key`, so that the retry gets
 * the first answer instead of "already spent". Throws a 503 problem when siteverify cannot answer.
 */
export const verifyTurnstile = async (
  token: string,
  auth: ProxyConfig["auth"],
  ip: string | null,
): Promise<TurnstileVerdict> => {
  if (token.length === 0 || token.length > 2048 || auth.turnstileSecret === undefined) {
    return "invalid";
  }
  const form = new URLSearchParams({
    secret: auth.turnstileSecret,
    response: token,
    idempotency_key: crypto.randomUUID(),
  });
  if (ip) form.set("remoteip", ip);
  let outcome = await ask(form);
  if ("transient" in outcome && outcome.transient) outcome = await ask(form);
  if (!("answer" in outcome)) {
    throw fail(
      503,
      "auth_unavailable",
      "Authentication unavailable",
      "The Turnstile token could not be checked; try again shortly.",
      { retryAfter: 5 },
    );
  }
  const { success, hostname, action } = outcome.answer;
  if (success !== true) return "invalid";
  const hostnames = auth.turnstileHostnames;
  if (
    hostnames.length > 0 &&
    (typeof hostname !== "string" || !hostnames.includes(hostname.toLowerCase()))
  ) {
    return "elsewhere";
  }
  if (auth.turnstileAction !== undefined && action !== auth.turnstileAction) return "elsewhere";
  return "valid";
};
