import { createHmac } from "node:crypto";

/**
 * How Twilio signs, written out with node:crypto, independent of the code under test: the URL, then
 * each key (sorted) followed by each of its distinct values (sorted).
 */
export const twilioSigns = (
  token: string,
  url: string,
  params: URLSearchParams | Record<string, string | string[]>,
): string => {
  const byKey: Record<string, string | string[]> =
    params instanceof URLSearchParams
      ? Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.getAll(key)]))
      : params;
  return createHmac("sha1", token)
    .update(
      Object.keys(byKey)
        .sort()
        .reduce(
          (data, key) =>
            data + [...new Set([byKey[key] ?? []].flat())].sort().reduce((a, v) => a + key + v, ""),
          url,
        ),
    )
    .digest("base64");
};
