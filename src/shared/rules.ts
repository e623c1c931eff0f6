import { TwilioValidationError } from "./errors.js";

/** Checks one value; returns the rule it breaks, or an empty string (or undefined) when it is fine. */
export type Rule = (value: unknown) => string | undefined;

/** Throws `TwilioValidationError` naming `param` and the rule it breaks. */
export const fail = (param: string, rule: string): never => {
  throw new TwilioValidationError(param, rule);
};

/** Throws `TwilioValidationError` naming `param` when `value` breaks `rule`. */
export const check = (param: string, value: unknown, rule: Rule): void => {
  const broken = rule(value);
  if (broken) fail(param, broken);
};

/** Any string, empty included. */
export const string: Rule = (value) => (typeof value === "string" ? "" : "must be a string");

/** A string with something other than whitespace in it. */
export const required: Rule = (value) =>
  typeof value === "string" && value.trim() ? "" : "must be a non-empty string";

/** Exactly one of the space-separated words of `allowed` (case-sensitive), such as `"GET POST"`. */
export const oneOf = (allowed: string): Rule => {
  const words = allowed.split(" ");
  return (value) => (words.includes(value as string) ? "" : `must be one of ${words.join(", ")}`);
};

/** An integer from `min` to `max`; the default `max` is the largest 32-bit signed integer. */
export const integer =
  (min: number, max = 2_147_483_647): Rule =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? ""
      : `must be an integer from ${min} to ${max}`;

/** A string that `pattern` matches; `what` words the rule ("must …") for the error message. */
export const matches =
  (pattern: RegExp, what = `match ${pattern.source}`): Rule =>
  (value) =>
    typeof value === "string" && pattern.test(value) ? "" : `must ${what}`;

/** The value as an absolute http(s) URL, or undefined. */
export const httpUrl = (value: unknown): URL | undefined => {
  try {
    const url = new URL(value as string);
    return typeof value === "string" && /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

/** An absolute http(s) URL. */
export const url: Rule = (value) => (httpUrl(value) ? "" : "must be an absolute http(s) URL");

/** A function, such as an injected `fetch`. */
export const callable: Rule = (value) => (typeof value === "function" ? "" : "must be a function");

/** `rule`, except that `undefined` (an option left out) passes. */
export const optional =
  (rule: Rule): Rule =>
  (value) =>
    value === undefined ? "" : rule(value);

// Whether `typed` becomes `known` with at most `edits` insertions, deletions or substitutions: the
// Levenshtein recursion (the first letters kept or substituted, or one letter dropped from either
// side), cut off once the edits are spent.
const within = (typed: string, known: string, edits: number): boolean =>
  typed === known ||
  (edits > 0 &&
    (within(typed.slice(1), known.slice(1), edits - +(typed[0] !== known[0])) ||
      within(typed.slice(1), known, edits - 1) ||
      within(typed, known.slice(1), edits - 1)));

/**
 * Checks each key of `values` with its rule in `rules`; `undefined` stands for a key left out. A key
 * with no rule is refused as `is not <what>`, naming the closest known key (ignoring case) when it is
 * at most two edits away: a typo must not vanish silently. `use` then receives each key that passed,
 * with its value.
 */
export const checkKeys = (
  values: object,
  rules: Record<string, Rule>,
  what: string,
  use?: (key: string, value: unknown) => void,
): void => {
  for (const key in values) {
    const value = (values as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!Object.hasOwn(rules, key)) {
      let near: string | undefined;
      for (let edits = 0; edits < 3 && !near; edits++) {
        near = Object.keys(rules).find((name) =>
          within(key.toLowerCase(), name.toLowerCase(), edits),
        );
      }
      fail(key, `is not ${what}${near ? `; did you mean ${near}?` : ""}`);
    }
    check(key, value, rules[key] as Rule);
    use?.(key, value);
  }
};
