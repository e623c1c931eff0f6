import { createHmac } from "node:crypto";
import { createTwilioEmulator, type TwilioEmulatorOptions } from "../emulator/index.js";

export const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
export const TOKEN = "test-auth-token";
export const KEY = "SKfedcba9876543210fedcba9876543210";
export const SECRET = "test-api-secret";
export const BASE = "https://api.twilio.com";
export const CALLS = `${BASE}/2010-04-01/Accounts/${ACCOUNT}/Calls.json`;

export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** A create-call request with the account's own credentials unless others are given. */
export const createRequest = (
  form: Record<string, string | string[]>,
  authorization = basic(ACCOUNT, TOKEN),
  url = CALLS,
): Request => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of [value].flat()) body.append(key, item);
  }
  return new Request(url, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
};

export const getRequest = (sid: string, authorization = basic(ACCOUNT, TOKEN)): Request =>
  new Request(`${BASE}/2010-04-01/Accounts/${ACCOUNT}/Calls/${sid}.json`, {
    headers: { Authorization: authorization },
  });

/** The URL of one call's resource. */
export const callUrl = (sid: string): string =>
  `${BASE}/2010-04-01/Accounts/${ACCOUNT}/Calls/${sid}.json`;

/** An UpdateCall request (POST to the call's resource). */
export const updateRequest = (
  sid: string,
  form: Record<string, string>,
  authorization = basic(ACCOUNT, TOKEN),
): Request =>
  new Request(callUrl(sid), {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

export const VALID = { To: "+14155550100", From: "+14155550199", Url: "https://example.com/twiml" };

/** A callback as the test's fake receiver saw it. */
export type Received = { url: string; method: string; headers: Headers; body: string };

/** An emulator whose callbacks go to an in-memory receiver answering `status`. */
export const emulatorWithReceiver = (
  options: Partial<TwilioEmulatorOptions> = {},
  status = 204,
) => {
  const received: Received[] = [];
  const emulator = createTwilioEmulator({
    accountSid: ACCOUNT,
    authToken: TOKEN,
    apiKey: KEY,
    apiSecret: SECRET,
    sendCallback: async (url, init) => {
      received.push({
        url,
        method: init.method ?? "GET",
        headers: new Headers(init.headers),
        body: String(init.body ?? ""),
      });
      return new Response(null, { status });
    },
    ...options,
  });
  return { emulator, received };
};

/** Twilio's signature computed independently with node:crypto: url + sorted key+value pairs. */
export const expectedSignature = (url: string, body: string): string => {
  const pairs = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + pairs.map(([key, value]) => key + value).join("");
  return createHmac("sha1", TOKEN).update(data, "utf8").digest("base64");
};
