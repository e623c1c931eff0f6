import { twilioSignature, type WebhookParams } from "./signature.js";
import {
  bodyHashIn,
  validateBody,
  validateWebhookSignature,
  type WebhookBody,
} from "./validate.js";

// The official package's webhook helpers, under their names and argument orders. WebCrypto is
// async, so each returns a promise where the official one returns its value: add `await`.

/**
 * Whether `twilioHeader` (the `X-Twilio-Signature` header) is Twilio's signature of `url` and
 * `params`, under every URL form the official validator accepts.
 * @example
 * const valid = await validateRequest(authToken, request.headers.get("X-Twilio-Signature"), url, params);
 */
export const validateRequest = (
  authToken: string,
  twilioHeader: string | null | undefined,
  url: string,
  params?: WebhookParams,
): Promise<boolean> =>
  validateWebhookSignature({ authToken, signature: twilioHeader, url, params });

/**
 * Whether a JSON-bodied webhook is Twilio's: the signature covers `url` alone, and `body` must hash
 * to the URL's `bodySHA256` (a URL without it is invalid).
 */
export const validateRequestWithBody = async (
  authToken: string,
  twilioHeader: string | null | undefined,
  url: string,
  body: WebhookBody,
): Promise<boolean> =>
  (await validateRequest(authToken, twilioHeader, url)) &&
  validateBody(body, bodyHashIn(url) ?? "");

/**
 * The `X-Twilio-Signature` Twilio sends for a webhook to `url` with `params` (`null` or `{}` for a
 * JSON-bodied webhook).
 * @throws TwilioValidationError when `authToken` is missing or blank.
 */
export const getExpectedTwilioSignature: (
  authToken: string,
  url: string,
  params: WebhookParams | null,
) => Promise<string> = twilioSignature;
