import { fail } from "../shared/rules.js";

/** The parameters of a webhook: a decoded form, or an object whose repeated keys hold arrays. */
export type WebhookParams = URLSearchParams | Record<string, string | string[]>;

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string) => new TextEncoder().encode(text);

/** Throws when `authToken` is not a non-empty string: a missing token is a setup mistake. */
export const checkAuthToken = (authToken: unknown): string => {
  if (typeof authToken === "string" && authToken.trim()) return authToken;
  return fail(
    "authToken",
    "must be a non-empty string: the account's Auth Token (also when REST calls use an API key)",
  );
};

/**
 * What Twilio signs after the URL: key + value for each key in code-unit order, each distinct value
 * sorted. The same for every URL variant, so a validation builds it once.
 */
export const signedParams = (params: WebhookParams): string => {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params instanceof URLSearchParams ? params : Object.entries(params))
    byKey.set(key, [...(byKey.get(key) ?? []), ...[value].flat()]);
  let data = "";
  for (const key of [...byKey.keys()].sort()) {
    for (const value of new Set(byKey.get(key)?.sort())) data += key + value;
  }
  return data;
};

/** The HMAC-SHA1 key of an Auth Token, imported once per validation. */
export const hmacKey = (authToken: string): Promise<CryptoKey> =>
  crypto.subtle.importKey("raw", utf8(authToken), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);

/** base64(HMAC-SHA1(key, data)), data as UTF-8. */
export const sign = async (key: CryptoKey, data: string): Promise<string> => {
  return btoa(
    String.fromCharCode(...new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(data)))),
  );
};

/**
 * The `X-Twilio-Signature` Twilio sends for a webhook to `url` with `params`:
 * base64(HMAC-SHA1(authToken, url + each key and value, keys sorted)). An array value adds each
 * distinct value, sorted. For a JSON-bodied webhook (`bodySHA256` in the URL) pass `{}` (or `null`)
 * as params.
 * @throws TwilioValidationError when `authToken` is missing or blank.
 * @example
 * const signature = await twilioSignature(authToken, "https://example.com/status", { CallSid: "CA…", CallStatus: "ringing" });
 */
export const twilioSignature = async (
  authToken: string,
  url: string,
  params: WebhookParams | null,
): Promise<string> =>
  sign(await hmacKey(checkAuthToken(authToken)), url + signedParams(params ?? {}));
