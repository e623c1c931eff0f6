import {
  checkAuthToken,
  hmacKey,
  sign,
  signedParams,
  utf8,
  type WebhookParams,
} from "./signature.js";
import { signedUrlVariants } from "./url-variants.js";

/** What {@link validateWebhookSignature} checks. */
export type WebhookSignatureInput = {
  /** The account's Auth Token: Twilio signs with it even when your REST calls use an API key. */
  authToken: string;
  /** The `X-Twilio-Signature` header of the request (a missing header is simply invalid). */
  signature: string | null | undefined;
  /** The full public URL Twilio requested, with its query string. */
  url: string;
  /** The decoded form parameters of a POST; `{}` (the default) for a GET or a JSON body. */
  params?: WebhookParams;
};

/** A webhook body as the runtime hands it over: text or bytes. */
export type WebhookBody = string | ArrayBuffer | Uint8Array;

// Runs over the whole expected value whatever the input, so the time taken does not reveal a prefix.
export const sameText = (given: string, expected: string): boolean => {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return !diff;
};

const isParams = (params: unknown): params is WebhookParams =>
  params instanceof URLSearchParams ||
  (!!params &&
    typeof params === "object" &&
    // Each value a string or an array of strings.
    Object.values(params)
      .flat()
      .every((item) => typeof item === "string"));

/**
 * Whether `signature` is the one Twilio computes for this URL and these parameters, under any of
 * the URL forms Twilio's back ends sign (with or without the default port, legacy query encoding).
 * Compares in constant time. Anything that comes from the request (a missing or malformed signature,
 * a garbage URL or params) gives `false`, never a throw.
 * @throws TwilioValidationError when `authToken` is missing or blank (a setup mistake).
 * @example
 * const ok = await validateWebhookSignature({ authToken, signature, url, params: form });
 */
export const validateWebhookSignature = async (input: WebhookSignatureInput): Promise<boolean> => {
  const { authToken, signature, url, params = {} } = input ?? {};
  const key = await hmacKey(checkAuthToken(authToken));
  if (typeof signature !== "string" || typeof url !== "string" || !isParams(params)) return false;
  const paramsData = signedParams(params);
  for (const candidate of signedUrlVariants(url)) {
    if (sameText(signature, await sign(key, candidate + paramsData))) return true;
  }
  return false;
};

/**
 * The hex SHA-256 of a webhook body, as Twilio puts it in `bodySHA256` (the official
 * `getExpectedBodyHash`; a promise here, since WebCrypto is async). Text is hashed as UTF-8.
 */
export const getExpectedBodyHash = async (body: WebhookBody): Promise<string> =>
  Array.from(
    new Uint8Array(
      await crypto.subtle.digest(
        "SHA-256",
        typeof body === "string" ? utf8(body) : (body as BufferSource),
      ),
    ),
    (byte) => (byte | 256).toString(16).slice(1),
  ).join("");

/**
 * Whether `body` hashes to `bodySHA256` (the official `validateBody`; a promise here). Compares in
 * constant time; a body or hash of the wrong type gives `false`.
 */
export const validateBody = async (body: WebhookBody, bodySHA256: string): Promise<boolean> =>
  typeof bodySHA256 === "string" &&
  (typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) &&
  sameText(bodySHA256, await getExpectedBodyHash(body));

/** The `bodySHA256` query parameter of `url`, or null (also for a URL that does not parse). */
export const bodyHashIn = (url: string): string | null => {
  try {
    return new URL(url).searchParams.get("bodySHA256");
  } catch {
    return null;
  }
};
