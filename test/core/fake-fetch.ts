import { type CallCreateParams, createClient } from "../../src/index.js";

/** One recorded request, decoded for assertions. */
export type RecordedRequest = {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  form: [string, string][];
};

type Answer = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A fetch that records each request and answers from a script, one answer per call (the last repeats). */
export const scriptedFetch = (...answers: Answer[]) => {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body,
      form: [...new URLSearchParams(body)],
    });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request);
    return (answer as Response).clone();
  };
  return { fetch, requests };
};

export const ACCOUNT_SID = `AC${"a".repeat(32)}`;
export const AUTH_TOKEN = "auth-token-secret-0123456789abcdef";
export const API_KEY = `SK${"b".repeat(32)}`;
export const API_SECRET = "api-secret-value-9876543210";

/** A realistic Call JSON as Twilio answers a create. */
export const callJson = (overrides: Record<string, unknown> = {}) => ({
  account_sid: ACCOUNT_SID,
  answered_by: null,
  api_version: "2010-04-01",
  caller_name: null,
  date_created: "Tue, 31 Aug 2010 20:36:28 +0000",
  date_updated: "Tue, 31 Aug 2010 20:36:44 +0000",
  direction: "outbound-api",
  duration: null,
  end_time: null,
  forwarded_from: null,
  from: "+15017122661",
  from_formatted: "(501) 712-2661",
  group_sid: null,
  parent_call_sid: null,
  phone_number_sid: `PN${"c".repeat(32)}`,
  price: null,
  price_unit: "USD",
  sid: `CA${"d".repeat(32)}`,
  start_time: null,
  status: "queued",
  subresource_uris: {
    notifications: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA${"d".repeat(32)}/Notifications.json`,
  },
  to: "+15558675310",
  to_formatted: "(555) 867-5310",
  trunk_sid: null,
  uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA${"d".repeat(32)}.json`,
  queue_time: "0",
  ...overrides,
});

export const jsonResponse = (body: unknown, status = 201, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

/**
 * Runs `calls.create(params)` on a client whose fetch answers with a call; returns what was sent
 * and the error it threw, if any (`undefined` when the call was created).
 */
export const attemptCreate = async (params: unknown) => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
  const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
  try {
    await client.calls.create(params as CallCreateParams);
    return { requests, error: undefined as unknown };
  } catch (error) {
    return { requests, error };
  }
};
