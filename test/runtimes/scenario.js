// The one scenario every runtime runs against the packed package. Plain JS with web APIs only, so
// the runtime entries stay thin: import the package, call runScenario, print the result line.
import { describe, expect, expectEqual, expectError, rejection, show } from "./expect.js";

/** Account and token the stand-in expects; its Basic auth check proves the header got across. */
export const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
export const AUTH_TOKEN = "stand-in-auth-token";
/** The stand-in proxy's bearer token. */
export const PROXY_TOKEN = "stand-in-proxy-token";
/** The call SID the stand-ins answer with. */
export const CALL_SID = `CA${"fedcba9876543210".repeat(2)}`;

// Twilio's published vector (spec/twilio-facts.md, "Webhook signatures").
const WEBHOOK = {
  authToken: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675309",
    Digits: "1234",
    From: "+14158675309",
    To: "+18005551212",
  },
  signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
};

const client = (core, baseUrl, mode, timeout) =>
  core.createClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    baseUrl: `${baseUrl}/twilio/${mode}`,
    maxRetries: 0,
    ...(timeout ? { timeout } : {}),
  });

const CALL_PARAMS = {
  to: "+15558675310",
  from: "+15017122661",
  url: "https://example.com/twiml",
  statusCallbackEvent: ["initiated", "answered"],
};

const steps = (pkg, baseUrl) => ({
  "create a call": async () => {
    const call = await client(pkg.core, baseUrl, "ok").calls.create(CALL_PARAMS);
    expectEqual(call.sid, CALL_SID, "sid");
    expectEqual(call.status, "queued", "status");
    expectEqual(call.to, CALL_PARAMS.to, "to (echoed from the form body)");
    expectEqual(call.accountSid, ACCOUNT_SID, "accountSid");
    expect(
      call.dateCreated instanceof Date,
      `dateCreated is ${show(call.dateCreated)}, not a Date`,
    );
    expectEqual(call.dateCreated, new Date("2010-08-31T20:36:28Z"), "dateCreated");
    expectEqual(call.startTime, null, "startTime");
    expectEqual(call.queueTime, "0", "queueTime");
    expect(
      typeof call.subresourceUris?.notifications === "string",
      "subresourceUris not camelCase",
    );
    const snake = Object.keys(call).filter((key) => key.includes("_"));
    expect(snake.length === 0, `snake_case keys left: ${snake.join(", ")}`);
  },
  "400 becomes TwilioApiError": async () => {
    const error = await rejection(
      client(pkg.core, baseUrl, "bad-request").calls.create(CALL_PARAMS),
    );
    expectError(error, pkg.core.TwilioApiError, "a 400");
    expect(error instanceof pkg.core.TwilioError, "a TwilioApiError is not a TwilioError");
    expectEqual(error.status, 400, "status");
    expectEqual(error.code, 21211, "code");
    expectEqual(error.moreInfo, "https://www.twilio.com/docs/errors/21211", "moreInfo");
  },
  "non-JSON 502 becomes TwilioApiError": async () => {
    const error = await rejection(
      client(pkg.core, baseUrl, "bad-gateway").calls.create(CALL_PARAMS),
    );
    expectError(error, pkg.core.TwilioApiError, "a 502");
    expectEqual(error.status, 502, "status");
    expectEqual(error.code, undefined, "code");
    expect(
      error.message.includes("502"),
      `message ${show(error.message)} does not name the status`,
    );
  },
  "timeout becomes TwilioTimeoutError": async () => {
    const started = Date.now();
    const error = await rejection(client(pkg.core, baseUrl, "hang", 300).calls.create(CALL_PARAMS));
    expectError(error, pkg.core.TwilioTimeoutError, "a stand-in that never answers");
    expect(Date.now() - started < 10_000, `took ${Date.now() - started} ms for a 300 ms timeout`);
  },
  "call lifecycle: create, fetch, cancel, list, remove": async () => {
    const { createClient, TwilioApiError } = pkg.core;
    const twilio = createClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: `${baseUrl}/emulator`,
    });
    // Every runtime shares the one emulator: a destination of its own keeps its list to its calls.
    const to = `+14155551${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
    const params = { to, from: "+15017122661", url: "https://example.com/twiml" };
    const first = await twilio.calls.create(params);
    const second = await twilio.calls.create(params);
    const fetched = await twilio.calls(first.sid).fetch();
    expectEqual(fetched.sid, first.sid, "fetched sid");
    expectEqual(fetched.status, "queued", "fetched status");
    expect(fetched.dateCreated instanceof Date, "fetched dateCreated is not a Date");
    const canceled = await twilio.calls(first.sid).update({ status: "canceled" });
    expectEqual(canceled.status, "canceled", "status after update({ status: canceled })");
    const refused = await rejection(twilio.calls(first.sid).update({ twiml: "<Response/>" }));
    expectError(refused, TwilioApiError, "redirecting a call that ended");
    expectEqual(refused.code, 21220, "code of a redirect after the end");
    // One call per page: the list follows next_page_uri.
    const listed = await twilio.calls.list({ to, pageSize: 1 });
    expectEqual(
      listed.map((call) => call.sid).sort(),
      [first.sid, second.sid].sort(),
      "listed sids",
    );
    const statuses = Object.fromEntries(listed.map((call) => [call.sid, call.status]));
    expectEqual(statuses[first.sid], "canceled", "listed status of the canceled call");
    const iterated = [];
    for await (const call of twilio.calls.list.iterate({ to, status: "queued" })) {
      iterated.push(call.sid);
    }
    expectEqual(iterated, [second.sid], "list.iterate with a status filter");
    expectEqual(await twilio.calls(first.sid).remove(), true, "remove");
    const gone = await rejection(twilio.calls(first.sid).fetch());
    expectError(gone, TwilioApiError, "fetching a removed call");
    expectEqual(gone.status, 404, "status of a removed call");
  },
  "webhook signature vector": async () => {
    const { authToken, url, params, signature } = WEBHOOK;
    const { validateWebhookRequest, validateWebhookSignature } = pkg.webhooks;
    const valid = await validateWebhookSignature({ authToken, signature, url, params });
    expectEqual(valid, true, "validateWebhookSignature of the published vector");
    const forged = { ...params, Digits: "9999" };
    const forgedValid = await validateWebhookSignature({
      authToken,
      signature,
      url,
      params: forged,
    });
    expectEqual(forgedValid, false, "validateWebhookSignature with a changed Digits");
    const request = new Request(url, {
      method: "POST",
      headers: { "X-Twilio-Signature": signature },
      body: new URLSearchParams(params),
    });
    expectEqual(
      await validateWebhookRequest(request, { authToken }),
      true,
      "validateWebhookRequest",
    );
  },
  "twiml builder as the twiml parameter": async () => {
    const response = new pkg.twiml.VoiceResponse();
    response.say("Hello & welcome");
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello &amp; welcome</Say></Response>';
    expectEqual(String(response), xml, "the TwiML");
    const { url: _, ...params } = CALL_PARAMS;
    const call = await client(pkg.core, baseUrl, "ok").calls.create({ ...params, twiml: response });
    expectEqual(call.sid, CALL_SID, "sid");
  },
  "proxy client createCall": async () => {
    const proxy = pkg.proxy.createProxyClient({ baseUrl: `${baseUrl}/proxy`, token: PROXY_TOKEN });
    const call = await proxy.createCall({ to: "+15558675310" });
    expectEqual(call.sid, CALL_SID, "sid");
    expectEqual(call.status, "queued", "status");
    expectEqual(call.to, "+15558675310", "to");
    expectEqual(call.createdAt, "2010-08-31T20:36:28.000Z", "createdAt");
  },
});

/** The name of every check, in order: a runtime that reports fewer has not passed. */
export const CHECK_NAMES = Object.keys(steps({}, ""));

/**
 * Runs every check against the package's modules (`core` is the main entry; `webhooks`, `proxy`
 * and `twiml` the subpaths) and a stand-in at `baseUrl`. Never throws: returns one
 * `{ name, ok, why? }` per check.
 */
export const runScenario = async (pkg, baseUrl) => {
  const results = [];
  for (const [name, step] of Object.entries(steps(pkg, baseUrl))) {
    try {
      await step();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, why: describe(error) });
    }
  }
  return results;
};

/** The line a runtime entry prints; the driver reads the JSON after the marker. */
export const resultLine = (runtime, checks) =>
  `RUNTIME-RESULT ${JSON.stringify({ runtime, checks })}`;
