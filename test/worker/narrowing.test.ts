import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ORIGIN, CALLER_IDS, PUBLIC_URL, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: { LIMIT_CALLER_PER_MINUTE: "100", LIMIT_DESTINATION_PER_HOUR: "100" },
  });
});
afterAll(() => proxy.close());

describe("POST /v1/calls narrowing", () => {
  it("creates a call with everything but to/from/flow taken from config", async () => {
    const response = await proxy.createCall({ to: usNumber(1) });
    expect(response.status).toBe(201);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(["createdAt", "flow", "from", "sid", "status", "to"]);
    expect(body).toMatchObject({
      to: usNumber(1),
      from: CALLER_IDS[0],
      flow: "greeting",
      status: "queued",
    });
    expect(body.sid).toMatch(/^CA[0-9a-f]{32}$/);
    const [sent] = proxy.twilio.creates().slice(-1);
    expect(sent?.path).toBe("/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json");
    const form = sent?.form;
    expect(form?.get("To")).toBe(usNumber(1));
    expect(form?.get("From")).toBe(CALLER_IDS[0]);
    expect(form?.get("Url")).toBe("https://app.example.com/twiml/greeting");
    // The caller's object id rides in the URL Twilio signs: callbacks reach the object holding the call.
    expect(form?.get("StatusCallback")).toMatch(
      new RegExp(`^${PUBLIC_URL}/v1/twilio/status\\?caller=[0-9a-f]{64}$`),
    );
    expect(form?.getAll("StatusCallbackEvent")).toEqual([
      "initiated",
      "ringing",
      "answered",
      "completed",
    ]);
    expect(form?.get("TimeLimit")).toBe("600");
    expect(form?.get("Timeout")).toBe("30");
    expect(form?.has("Twiml")).toBe(false);
  });

  it("authenticates to Twilio with the API key when one is configured", async () => {
    await proxy.createCall({ to: usNumber(2) });
    const [sent] = proxy.twilio.creates().slice(-1);
    const basic = Buffer.from(sent?.headers.authorization?.replace("Basic ", "") ?? "", "base64");
    expect(basic.toString().startsWith("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:")).toBe(true);
  });

  it("uses a chosen caller ID and flow, with the flow's own settings", async () => {
    const response = await proxy.createCall({
      to: usNumber(3),
      from: CALLER_IDS[1],
      flow: "survey",
    });
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({ from: CALLER_IDS[1], flow: "survey" });
    const form = proxy.twilio.creates().slice(-1)[0]?.form;
    expect(form?.get("Twiml")).toBe("<Response><Say>Hello</Say></Response>");
    expect(form?.get("Record")).toBe("true");
    expect(form?.get("TimeLimit")).toBe("120");
    expect(form?.has("Url")).toBe(false);
  });

  it.each([
    ["url", "https://evil.example/twiml"],
    ["Url", "https://evil.example/twiml"],
    ["twiml", "<Response><Dial>+19005551234</Dial></Response>"],
    ["statusCallback", "https://evil.example/cb"],
    ["applicationSid", "AP00000000000000000000000000000000"],
    ["timeLimit", 99999],
  ])("refuses the unknown field %s with a 400 naming it", async (field, value) => {
    const before = proxy.twilio.requests.length;
    const response = await proxy.createCall({ to: usNumber(4), [field]: value });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.json()).toMatchObject({ status: 400, code: "unknown_field" });
    expect(String(response.json().detail)).toContain(field);
    expect(proxy.twilio.requests.length).toBe(before);
  });

  it("refuses a caller ID that is not configured (403) and an unknown flow (400)", async () => {
    const before = proxy.twilio.requests.length;
    const from = await proxy.createCall({ to: usNumber(5), from: "+19005550000" });
    expect(from.status).toBe(403);
    expect(from.json().code).toBe("from_not_allowed");
    const flow = await proxy.createCall({ to: usNumber(5), flow: "__proto__" });
    expect(flow.status).toBe(400);
    expect(flow.json().code).toBe("unknown_flow");
    expect(proxy.twilio.requests.length).toBe(before);
  });

  it("refuses a missing or non-string to with a 400 naming the field", async () => {
    const missing = await proxy.createCall({});
    expect(missing.status).toBe(400);
    expect(missing.json().detail).toBe("to is required.");
    const number = await proxy.createCall({ to: 14155552671 });
    expect(number.status).toBe(400);
    expect(number.json().detail).toBe("to must be a string.");
  });

  it("answers a browser from an allowed origin with CORS headers", async () => {
    const response = await proxy.createCall(
      { to: usNumber(6) },
      { Authorization: "Bearer pk_test_alpha_7d3f9a1c5e2b8d40", Origin: APP_ORIGIN },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
  });
});
