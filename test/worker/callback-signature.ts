import { createHmac } from "node:crypto";
import { PUBLIC_URL, SECRETS } from "./fixtures.js";

/** Where the proxy tells Twilio to send status callbacks, and the URL Twilio signs. */
export const CALLBACK_URL = `${PUBLIC_URL}/v1/twilio/status`;

/**
 * Twilio's `X-Twilio-Signature`, computed independently of the product with `node:crypto`: base64
 * HMAC-SHA1 of the URL followed by each key and value, keys sorted.
 */
export const signCallback = (
  params: Record<string, string>,
  token: string = SECRETS.TWILIO_AUTH_TOKEN,
  url: string = CALLBACK_URL,
): string => {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac("sha1", token).update(data).digest("base64");
};
