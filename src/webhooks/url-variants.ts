// The scheme and authority up to the port (after the last `@`; in an IPv6 literal the port can only
// follow the closing bracket), then the port with its colon, if any. Split without normalising, so
// the path and query keep the characters Twilio signed.
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?(?:[^/?#@]*\])?[^:/?#@]*)([^/?#]*)/i;

/** `url` without its port, then with its port or else the scheme's default port. */
const portForms = (url: string): string[] => [
  url.replace(AUTHORITY, "$1"),
  url.replace(
    AUTHORITY,
    (_, head: string, port: string) => head + (port || (/^https:/i.test(url) ? ":443" : ":80")),
  ),
];

// Node's legacy querystring.parse + stringify: keys grouped in object-key order, `'` kept, space `%20`.
const withLegacyQuery = (url: string): string =>
  url.replace(/\?(.*)/s, (_, search: string) => {
    const query = new URLSearchParams(search);
    // Object.fromEntries defines each key as an own property (`__proto__` too), in object-key order.
    const pairs = Object.keys(Object.fromEntries(query)).flatMap((key) =>
      query.getAll(key).map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
    );
    return `?${pairs.join("&")}`;
  });

/**
 * Every URL Twilio may have signed for a request to `url`, as the official validator accepts them:
 * as received (and with `'` restored in the query: `new Request(url)` turns it into %27) without
 * and with the default port, then normalised by `URL` without and with the port, each also with
 * the legacy query encoding.
 */
export const signedUrlVariants = (url: string): string[] => {
  const forms = [url, url.replace(/\?.*/s, (query) => query.replaceAll("%27", "'"))];
  try {
    const normalised = new URL(url).href;
    forms.push(normalised, withLegacyQuery(normalised));
  } catch {
    // Not parsable by URL (or a lone surrogate in the query): only the as-received forms apply.
  }
  return [...new Set(forms.flatMap(portForms))];
};
