import { url as absoluteUrl, check, fail } from "../shared/rules.js";
import {
  checkAuthToken,
  hmacKey,
  sign,
  signedParams,
  twilioSignature,
  type WebhookParams,
} from "./signature.js";
import { signedUrlVariants } from "./url-variants.js";

export type { WebhookParams } from "./signature.js";

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

/** Options of {@link validateWebhookRequest}. */
export type WebhookRequestOptions = {
  /** The account's Auth Token: Twilio signs with it even when your REST calls use an API key. */
  authToken: string;
  /**
   * The public URL Twilio requested, when it differs from `request.url` (behind a proxy or a tunnel
   * that rewrites the host). @default request.url
   */
  url?: string;
};

/**
 * The signature Twilio sends for a webhook to `url` with `params` (the official library's name).
 * @throws TwilioValidationError when `authToken` is missing or blank.
 */
export const getExpectedTwilioSignature = twilioSignature;

// Runs over the whole expected value whatever the input, so the time taken does not reveal a prefix.
const sameText = (given: string, expected: string): boolean => {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
};

const isParams = (params: unknown): params is WebhookParams =>
  params instanceof URLSearchParams ||
  (!!params &&
    typeof params === "object" &&
    Object.values(params).every(
      (value) =>
        typeof value === "string" ||
        (Array.isArray(value) && value.every((item) => typeof item === "string")),
    ));

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

const sha256Hex = async (bytes: ArrayBuffer): Promise<string> =>
  Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");

/**
 * Whether a webhook `Request` (Workers, Deno, Bun, Node's `Request`) was signed by Twilio. Reads a
 * clone of the body, so the handler can still read it: a form body is checked as signed parameters;
 * a JSON body must match `bodySHA256` in the URL. Returns `false` for a missing or wrong
 * `X-Twilio-Signature`, a body that does not match, or an unreadable body.
 * @throws TwilioValidationError when `authToken` is blank, `url` is not an absolute http(s) URL, or
 * the body was already read (validate first, or pass `request.clone()`).
 * @example
 * if (!(await validateWebhookRequest(request, { authToken: env.TWILIO_AUTH_TOKEN }))) {
 *   return new Response("Invalid signature", { status: 403 });
 * }
 */
export const validateWebhookRequest = async (
  request: Request,
  options: WebhookRequestOptions,
): Promise<boolean> => {
  const { authToken, url = request?.url } = options ?? {};
  checkAuthToken(authToken);
  // Duck-typed: Miniflare, undici and polyfills each have their own Request class.
  if (typeof request?.clone !== "function" || typeof request.headers?.get !== "function") {
    fail("request", "must be a Request");
  }
  check("url", url, absoluteUrl);
  if (request.bodyUsed) {
    fail(
      "request",
      "its body was already read: validate before reading it, or pass request.clone()",
    );
  }
  const signature = request.headers.get("X-Twilio-Signature");
  if (!signature) return false;
  let body: ArrayBuffer;
  try {
    body = await request.clone().arrayBuffer();
  } catch {
    return false;
  }
  const bodyHash = new URL(url).searchParams.get("bodySHA256"); // `url` parses: checked above
  if (bodyHash !== null) {
    const bodyMatches = sameText(bodyHash, await sha256Hex(body));
    return (await validateWebhookSignature({ authToken, signature, url })) && bodyMatches;
  }
  const params = new URLSearchParams(new TextDecoder().decode(body));
  return validateWebhookSignature({ authToken, signature, url, params });
};
