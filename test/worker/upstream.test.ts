import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { callJson, type Reply, twilioError } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: {
      TWILIO_TIMEOUT_MS: "300",
      LIMIT_CALLER_PER_MINUTE: "1000",
      LIMIT_DESTINATION_PER_HOUR: "1000",
    },
  });
});
afterAll(() => proxy.close());

let n = 0;
/** Places one call against a Twilio that answers with `reply`; returns the proxy's answer. */
const placeAgainst = async (reply: () => Reply) => {
  proxy.twilio.respond(reply);
  const before = proxy.twilio.creates().length;
  const response = await proxy.createCall({ to: usNumber(++n) });
  return { response, body: response.json(), attempts: proxy.twilio.creates().length - before };
};

const ACCOUNT_TEXT =
  "Account ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa is not allowed to call +14155552001 from jane@example.com";

describe("upstream faults", () => {
  it("turns Twilio's 400 into a 422 that keeps the numeric code, not Twilio's text", async () => {
    const { response, body, attempts } = await placeAgainst(() =>
      twilioError(400, 21215, ACCOUNT_TEXT),
    );
    expect(response.status).toBe(422);
    expect(body).toMatchObject({ code: "upstream_refused", twilioCode: 21215 });
    expect(response.text).not.toContain("jane@example.com");
    expect(response.text).not.toContain("ACaaaa");
    expect(attempts).toBe(1);
  });

  it("turns Twilio's 401 (the proxy's credentials) into a 502", async () => {
    const { response, body } = await placeAgainst(() => twilioError(401, 20003, "Authenticate"));
    expect(response.status).toBe(502);
    expect(body).toMatchObject({ code: "upstream_auth_failed", twilioCode: 20003 });
  });

  it("retries Twilio's 429 once (the core's policy), then answers 503 with Retry-After", async () => {
    const { response, body, attempts } = await placeAgainst(() =>
      twilioError(429, 20429, "Too Many Requests", { "Retry-After": "0" }),
    );
    expect(attempts).toBe(2);
    expect(response.status).toBe(503);
    expect(body.code).toBe("upstream_busy");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("succeeds when Twilio's 429 clears on the retry", async () => {
    let count = 0;
    const { response, attempts } = await placeAgainst(() =>
      count++ === 0
        ? twilioError(429, 20429, "Too Many Requests", { "Retry-After": "0" })
        : Response.json(callJson(new URLSearchParams({ To: usNumber(n), From: "+14155550100" })), {
            status: 201,
          }),
    );
    expect(response.status).toBe(201);
    expect(attempts).toBe(2);
  });

  it.each([
    ["500 JSON", () => twilioError(500, 20500, "Internal Server Error"), 502, "upstream_error"],
    ["503 empty", () => new Response(null, { status: 503 }), 502, "upstream_error"],
    [
      "an HTML 200",
      () =>
        new Response("<html>captive portal</html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        }),
      502,
      "upstream_unreadable",
    ],
    [
      "a 201 without a call SID",
      () => Response.json({ status: "queued" }, { status: 201 }),
      502,
      "upstream_unreadable",
    ],
    ["a dropped connection", () => "reset" as const, 502, "upstream_unreachable"],
    ["no answer in time", () => "hang" as const, 504, "upstream_timeout"],
  ])("answers %s with a 5xx problem and does not retry it", async (_, reply, status, code) => {
    const { response, body, attempts } = await placeAgainst(reply as () => Reply);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(body.code).toBe(code);
    expect(attempts).toBe(1);
  });
});
