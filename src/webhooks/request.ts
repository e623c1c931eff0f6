import { url as absoluteUrl, check, fail } from "../shared/rules.js";
import { validateRequest, validateRequestWithBody } from "./official.js";
import { checkAuthToken } from "./signature.js";
import { bodyHashIn } from "./validate.js";

/** What a signed webhook request carries, once its signature has been checked. */
export type TwilioWebhookEvent = {
  /**
   * The signed parameters: the form body of a POST, the query of a GET; `{}` for a JSON body. A
   * repeated key keeps its last value (`form` has them all).
   */
  params: Record<string, string>;
  /** The same parameters with every repeated value. */
  form: URLSearchParams;
  /** The parsed body of a JSON webhook (one with `bodySHA256` in its URL), else undefined. */
  json: unknown;
  /** The URL the signature was checked against. */
  url: string;
  /**
   * Twilio's `I-Twilio-Idempotency-Token`: the same on each retry of one webhook, so a handler can
   * drop what it has already handled. Null when absent.
   */
  idempotencyToken: string | null;
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
 * Checks a webhook `Request` against `url` and reads it: the event when Twilio signed it, else
 * undefined. Reads a clone of the body, so the request stays readable.
 * @throws TwilioValidationError for a setup mistake: a blank `authToken`, a `url` that is not
 * absolute http(s), something that is not a Request, or a body already read.
 */
export const readSignedWebhook = async (
  request: Request,
  authToken: string,
  url: string,
): Promise<TwilioWebhookEvent | undefined> => {
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
  if (!signature) return undefined;
  let text: string;
  try {
    text = await request.clone().text();
  } catch {
    return undefined;
  }
  const bodyHash = bodyHashIn(url);
  const isGet = request.method === "GET" || request.method === "HEAD";
  const form = new URLSearchParams(isGet ? new URL(url).search : bodyHash === null ? text : "");
  // A JSON body (its hash in the URL) is signed as the official validateRequestWithBody checks it.
  const signed =
    bodyHash === null
      ? await validateRequest(authToken, signature, url, isGet ? {} : form)
      : await validateRequestWithBody(authToken, signature, url, text);
  if (!signed) return undefined;
  let json: unknown;
  try {
    if (bodyHash !== null) json = JSON.parse(text);
  } catch {
    // Signed, but not JSON: `json` stays undefined.
  }
  return {
    params: Object.fromEntries(form),
    form,
    json,
    url,
    idempotencyToken: request.headers.get("I-Twilio-Idempotency-Token"),
  };
};

/**
 * Whether a webhook `Request` (Workers, Deno, Bun, Node's `Request`) was signed by Twilio. Reads a
 * clone of the body, so the handler can still read it: a form body is checked as signed parameters;
 * a JSON body must match `bodySHA256` in the URL; a GET is checked over its URL. Returns `false`
 * for a missing or wrong `X-Twilio-Signature`, a body that does not match, or an unreadable body.
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
): Promise<boolean> =>
  !!(await readSignedWebhook(request, options?.authToken, options?.url ?? request?.url));
