import { checkKeys, fail, type Rule } from "../shared/rules.js";

// Twilio spells a list filter's range `StartTime<` / `StartTime>` and the page number `Page`; no
// create or update parameter ends in Before, After or Number. Each name is worked out once.
const wireNames: Record<string, string> = Object.create(null);

/**
 * Checks each parameter against its rule in `rules` (refusing unknown keys, see `checkKeys`) and
 * encodes them as the official library does: PascalCase names, one pair per list item, a `Date` in
 * UTC to the second (`2009-07-06T00:00:00Z`).
 */
export const formOf = (
  params: object | undefined,
  rules: Record<string, Rule>,
  what: string,
): URLSearchParams => {
  const form = new URLSearchParams();
  // Parameters left out (undefined) hold no key: an empty form.
  checkKeys(params as object, rules, what, (key, value) => {
    wireNames[key] ??= `${key[0]?.toUpperCase()}${key.slice(1)}`
      .replace(/Before$/, "<")
      .replace(/After$/, ">")
      .replace(/Number$/, "");
    for (const item of [value].flat()) {
      const text = item instanceof Date ? `${item.toISOString().slice(0, 19)}Z` : String(item);
      // URLSearchParams would send U+FFFD instead of a lone surrogate: refuse rather than change it.
      if (/\p{Cs}/u.test(text)) fail(key, "must not hold a lone surrogate");
      form.append(wireNames[key], text);
    }
  });
  return form;
};
