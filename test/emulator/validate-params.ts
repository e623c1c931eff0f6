import type { ErrorCode } from "./error-codes.js";

/** A refused request: the Twilio code and message to answer with. */
export type Problem = { code: ErrorCode; message: string };

/** A check of one rule over a form: the first problem, or undefined. */
export type Check = (form: URLSearchParams) => Problem | undefined;

export const problem = (code: ErrorCode, message: string): Problem => ({ code, message });

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.hostname.includes("_");
  } catch {
    return false;
  }
};

/** Each of `keys`, when present, is an absolute http(s) URL whose host has no underscore (21205). */
export const urlsAt =
  (keys: readonly string[]): Check =>
  (form) => {
    for (const key of keys) {
      const value = form.get(key);
      if (value !== null && !isHttpUrl(value)) {
        return problem(21205, `${key} is not a valid URL: ${value}`);
      }
    }
    return undefined;
  };

/** Each of `keys`, when present, is GET or POST (21209). */
export const methodsAt =
  (keys: readonly string[]): Check =>
  (form) => {
    for (const key of keys) {
      const value = form.get(key);
      if (value !== null && value !== "GET" && value !== "POST") {
        return problem(21209, `${key} must be GET or POST, not ${value}.`);
      }
    }
    return undefined;
  };

/** Each key of `enums`, when present, is one of its allowed values (20001). */
export const oneOfAt =
  (enums: Readonly<Record<string, readonly string[]>>): Check =>
  (form) => {
    for (const [key, allowed] of Object.entries(enums)) {
      const value = form.get(key);
      if (value !== null && !allowed.includes(value)) {
        return problem(20001, `${key} must be one of ${allowed.join(", ")}, not ${value}.`);
      }
    }
    return undefined;
  };

/** Inline TwiML of at most 4000 characters (20001). */
export const twimlLength: Check = (form) => {
  const twiml = form.get("Twiml");
  return twiml !== null && twiml.length > 4000
    ? problem(20001, "Twiml is too long: it may have at most 4000 characters.")
    : undefined;
};

/** TimeLimit, when present, is a whole number of seconds of at least 1 (20001). */
export const timeLimit: Check = (form) => {
  const value = form.get("TimeLimit");
  return value !== null && !(/^\d+$/.test(value) && +value >= 1)
    ? problem(20001, `TimeLimit must be a whole number of seconds of at least 1, not ${value}.`)
    : undefined;
};

/** The first problem any of `checks` finds in `form`. */
export const firstProblem = (
  form: URLSearchParams,
  checks: readonly Check[],
): Problem | undefined => {
  for (const check of checks) {
    const found = check(form);
    if (found) return found;
  }
  return undefined;
};
