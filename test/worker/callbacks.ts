import { expect } from "vitest";
import { signCallback } from "./callback-signature.js";
import { ACCOUNT_SID, API_KEY } from "./fixtures.js";
import type { TestProxy } from "./harness.js";

/** How {@link sendCallback} signs and labels a callback. */
export type CallbackOptions = {
  /** Extra form fields (`CallDuration`, `AnsweredBy`…). */
  extra?: Record<string, string>;
  /** The `X-Twilio-Signature` to send instead of a valid one; null sends none. */
  signature?: string | null;
  /** The `I-Twilio-Idempotency-Token`: the same on Twilio's retries of one callback. */
  token?: string;
  /** The URL to post to, when it is not the one signed (a replay at another host). */
  postTo?: string;
};

/**
 * The StatusCallback the proxy sent Twilio with its latest call: it carries the object id of the
 * caller who placed it, and Twilio signs that call's callbacks over exactly this URL.
 */
export const latestCallbackUrl = (proxy: TestProxy): string => {
  const url = proxy.twilio.creates().at(-1)?.form.get("StatusCallback");
  expect(url).toMatch(/\/v1\/twilio\/status\?caller=[0-9a-f]{64}$/);
  return String(url);
};

/** Places a call for `to` as `apiKey`'s caller; its SID and the URL its callbacks go to. */
export const placeCall = async (proxy: TestProxy, to: string, apiKey = API_KEY) => {
  const response = await proxy.createCall({ to }, { Authorization: `Bearer ${apiKey}` });
  expect(response.status).toBe(201);
  return { sid: String(response.json().sid), callbackUrl: latestCallbackUrl(proxy) };
};

/** Sends Twilio's status callback for `sid` to `url`, signed over `url` unless told otherwise. */
export const sendCallback = (
  proxy: TestProxy,
  url: string,
  sid: string,
  status: string,
  { extra = {}, signature, token, postTo = url }: CallbackOptions = {},
) => {
  const params = {
    AccountSid: ACCOUNT_SID,
    CallSid: sid,
    CallStatus: status,
    Timestamp: new Date().toUTCString(),
    ...extra,
  };
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  const value = signature === undefined ? signCallback(params, undefined, url) : signature;
  if (value !== null) headers["X-Twilio-Signature"] = value;
  if (token !== undefined) headers["I-Twilio-Idempotency-Token"] = token;
  return proxy.fetch(postTo, {
    method: "POST",
    headers,
    body: new URLSearchParams(params).toString(),
  });
};
