import { TwilioValidationError } from "./errors.js";

/** Checks one value; returns the rule it breaks, or undefined when it is fine. */
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
export const string: Rule = (value) => (typeof value === "string" ? undefined : "must be a string");

/** A string with something other than whitespace in it. */
export const required: Rule = (value) =>
  typeof value === "string" && value.trim() !== "" ? undefined : "must be a non-empty string";

/** Exactly one of `allowed` (case-sensitive). */
export const oneOf =
  (...allowed: string[]): Rule =>
  (value) =>
    allowed.includes(value as string) ? undefined : `must be one of ${allowed.join(", ")}`;

/** An integer from `min` to `max`; the default `max` is the largest 32-bit signed integer. */
export const integer =
  (min: number, max = 2_147_483_647): Rule =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}`;

/** A string that `pattern` matches; `what` words the rule ("must …") for the error message. */
export const matches =
  (pattern: RegExp, what = `match ${pattern.source}`): Rule =>
  (value) =>
    typeof value === "string" && pattern.test(value) ? undefined : `must ${what}`;

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
export const url: Rule = (value) =>
  httpUrl(value) ? undefined : "must be an absolute http(s) URL";

/** A function, such as an injected `fetch`. */
export const callable: Rule = (value) =>
  typeof value === "function" ? undefined : "must be a function";

/** `rule`, except that `undefined` (an option left out) passes. */
export const optional =
  (rule: Rule): Rule =>
  (value) =>
    value === undefined ? undefined : rule(value);

// Levenshtein distance, case-insensitive: how far a mistyped name is from a known one.
const distance = (typed: string, known: string): number => {
  const a = typed.toLowerCase();
  const b = known.toLowerCase();
  let row = [...Array(b.length + 1).keys()];
  for (const letter of a) {
    let left = (row[0] as number) + 1;
    row = row.map((up, j) => {
      if (j)
        left = Math.min(up + 1, left + 1, (row[j - 1] as number) + (letter === b[j - 1] ? 0 : 1));
      return left;
    });
  }
  return row[b.length] as number;
};

/**
 * Checks each key of `values` with its rule in `rules`; `undefined` stands for a key left out. A key
 * with no rule is refused as `is not <what>`, naming the closest known key when one is near: a typo
 * must not vanish silently. `use` then receives each key that passed, with its value.
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
      // The nearest known name, if it is at most two edits away.
      let near = "";
      let best = 3;
      for (const name in rules) {
        const edits = distance(key, name);
        if (edits < best) [near, best] = [name, edits];
      }
      fail(key, `is not ${what}${near && `; did you mean ${near}?`}`);
    }
    check(key, value, rules[key] as Rule);
    use?.(key, value);
  }
};
