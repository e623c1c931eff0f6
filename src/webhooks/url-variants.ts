const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

// Splits without normalising, so the path and query keep the characters Twilio signed.
const splitUrl = (url: string) => {
  const match = AUTHORITY.exec(url);
  if (!match) return undefined;
  const [prefix, scheme = "", authority = ""] = match;
  const hostStart = authority.lastIndexOf("@") + 1;
  const hostAndPort = authority.slice(hostStart);
  // In an IPv6 literal the port can only follow the closing bracket.
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  const host = portStart < 0 ? hostAndPort : hostAndPort.slice(0, portStart);
  const rest = url.slice(prefix.length);
  return {
    scheme,
    head: scheme + authority.slice(0, hostStart) + host,
    hasPort: portStart >= 0,
    rest,
  };
};

const withoutPort = (url: string): string => {
  const parts = splitUrl(url);
  return parts ? parts.head + parts.rest : url;
};

const withDefaultPort = (url: string): string => {
  const parts = splitUrl(url);
  if (!parts || parts.hasPort) return url;
  return `${parts.head}${/^https:/i.test(parts.scheme) ? ":443" : ":80"}${parts.rest}`;
};

// Node's legacy querystring.parse + stringify: keys grouped in object-key order, `'` kept, space `%20`.
const withLegacyQuery = (url: string): string => {
  const start = url.indexOf("?");
  if (start < 0 || start === url.length - 1) return url;
  const grouped: Record<string, string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(url.slice(start + 1))) {
    grouped[key] = [...(grouped[key] ?? []), value];
  }
  const pairs = Object.keys(grouped).flatMap((key) =>
    (grouped[key] ?? []).map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
  );
  return `${url.slice(0, start + 1)}${pairs.join("&")}`;
};

// `new Request(url)` turns a `'` in the query into %27, so `request.url` no longer shows the URL
// Twilio signed; undoing it only adds an equivalent URL to try.
const withLiteralQuotes = (url: string): string => {
  const start = url.indexOf("?");
  return start < 0 ? url : url.slice(0, start) + url.slice(start).replaceAll("%27", "'");
};

/**
 * Every URL Twilio may have signed for a request to `url`, as the official validator accepts them:
 * as received (and with `'` restored in the query) without and with the default port, then
 * normalised by `URL` without and with the port, each also with the legacy query encoding.
 */
export const signedUrlVariants = (url: string): string[] => {
  const variants = [url, withLiteralQuotes(url)].flatMap((form) => [
    withoutPort(form),
    withDefaultPort(form),
  ]);
  try {
    const normalised = new URL(url).toString();
    for (const candidate of [withoutPort(normalised), withDefaultPort(normalised)]) {
      variants.push(candidate, withLegacyQuery(candidate));
    }
  } catch {
    // Not parsable by URL (or a lone surrogate in the query): only the as-received forms apply.
  }
  return [...new Set(variants)];
};
