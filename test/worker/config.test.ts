import { describe, expect, it } from "vitest";
import { SECRETS, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy } from "./harness.js";

scanForSecrets();

/** Starts a proxy with `env` changed, makes one request, and returns its answer and log line. */
const withEnv = async (env: Record<string, string | number | undefined>) => {
  const proxy = await startProxy({ env });
  try {
    const response = await proxy.createCall({ to: usNumber(1) });
    return { response, log: proxy.logLines().slice(-1)[0] ?? {}, twilio: proxy.twilio };
  } finally {
    await proxy.close();
  }
};

describe("config validation", () => {
  it.each([
    [{ TWILIO_ACCOUNT_SID: undefined }, "TWILIO_ACCOUNT_SID", "is missing"],
    [
      { TWILIO_ACCOUNT_SID: "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" },
      "TWILIO_ACCOUNT_SID",
      "must be your main account SID",
    ],
    [{ TWILIO_AUTH_TOKEN: undefined }, "TWILIO_AUTH_TOKEN", "is missing"],
    [{ TWILIO_API_SECRET: undefined }, "TWILIO_API_SECRET", "must be set together"],
    [{ PUBLIC_URL: "proxy.test" }, "PUBLIC_URL", "public origin"],
    [{ CALLER_IDS: "4155550100" }, "CALLER_IDS.0", "E.164"],
    [{ CALL_FLOWS: "{nope" }, "CALL_FLOWS", "valid JSON"],
    [{ CALL_FLOWS: "{}" }, "CALL_FLOWS", "at least one flow"],
    [
      { CALL_FLOWS: '{"a":{"url":"https://x.test/a","twiml":"<Response/>"}}' },
      "CALL_FLOWS.a",
      "exactly one of",
    ],
    [
      { CALL_FLOWS: '{"a":{"url":"https://x.test/a","statusCallback":"https://evil.test"}}' },
      "CALL_FLOWS.a.statusCallback",
      "no other keys",
    ],
    [
      { CALL_FLOWS: '{"a":{"url":"https://x.test/a","timeout":0}}' },
      "CALL_FLOWS.a.timeout",
      "must be an integer from 1 to 600",
    ],
    [
      { CALL_FLOWS: '{"a":{"url":"/relative/twiml"}}' },
      "CALL_FLOWS.a.url",
      "must be an absolute http(s) URL",
    ],
    [
      { CALL_FLOWS: '{"a":{"applicationSid":"AP123"}}' },
      "CALL_FLOWS.a.applicationSid",
      "must match ^AP[0-9a-fA-F]{32}$",
    ],
    [
      { CALL_FLOWS: '{"a":{"url":"https://x.test/a","timeLimit":20000}}' },
      "CALL_FLOWS.a.timeLimit",
      "must be at most 14400",
    ],
    [{ ALLOWED_COUNTRIES: "USA" }, "ALLOWED_COUNTRIES.0", "alpha-2"],
    [{ CORS_ORIGINS: "*" }, "CORS_ORIGINS.0", "exact origins"],
    [{ CORS_ORIGINS: "https://app.example.com/" }, "CORS_ORIGINS.0", "exact origins"],
    [{ LIMIT_CALLER_PER_MINUTE: "five" }, "LIMIT_CALLER_PER_MINUTE", "integer from 1"],
    [{ RING_TIMEOUT: "601" }, "RING_TIMEOUT", "integer from 1 to 600"],
    [{ PROXY_API_KEYS: "short" }, "PROXY_API_KEYS.0", "at least 16 characters"],
    [{ PROXY_JWT_SECRET: "too-short" }, "PROXY_JWT_SECRET", "at least 32 characters"],
    [{ AUTH_JWT_AUDIENCE: undefined }, "AUTH_JWT_AUDIENCE", "when JWTs are accepted"],
    [
      {
        PROXY_API_KEYS: undefined,
        PROXY_JWT_SECRET: undefined,
        AUTH_JWKS_URL: undefined,
        TURNSTILE_SECRET_KEY: undefined,
      },
      "PROXY_API_KEYS",
      "no authentication is configured",
    ],
  ])("answers 500 for %j and logs the setting %s", async (env, setting, message) => {
    const { response, log, twilio } = await withEnv(env);
    expect(response.status).toBe(500);
    expect(response.json()).toMatchObject({ status: 500, code: "config_invalid" });
    expect(response.text).not.toContain(setting);
    expect(log).toMatchObject({ status: 500, reason: "config_invalid", setting });
    expect(String(log.error)).toContain(message);
    expect(twilio.requests).toEqual([]);
  });

  it("never puts a secret's value in the log line, even when the value is what is wrong", async () => {
    const { log } = await withEnv({ PROXY_JWT_SECRET: "short-but-secret-value" });
    expect(log.setting).toBe("PROXY_JWT_SECRET");
    expect(JSON.stringify(log)).not.toContain("short-but-secret-value");
  });

  it("never puts a secret's value in the log line when it is not even a string", async () => {
    const { log } = await withEnv({ PROXY_JWT_SECRET: 98765432109876 });
    expect(log.setting).toBe("PROXY_JWT_SECRET");
    expect(JSON.stringify(log)).not.toContain("98765432109876");
  });

  it("uses the Auth Token for REST when no API key is set", async () => {
    const { response, twilio } = await withEnv({
      TWILIO_API_KEY: undefined,
      TWILIO_API_SECRET: undefined,
    });
    expect(response.status).toBe(201);
    const header = twilio.requests[0]?.headers.authorization ?? "";
    const expected = Buffer.from(
      `ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:${SECRETS.TWILIO_AUTH_TOKEN}`,
    ).toString("base64");
    expect(header).toBe(`Basic ${expected}`);
  });

  it("sends the configured TimeLimit and Timeout", async () => {
    const { response, twilio } = await withEnv({ CALL_TIME_LIMIT: "90", RING_TIMEOUT: "15" });
    expect(response.status).toBe(201);
    expect(twilio.requests[0]?.form.get("TimeLimit")).toBe("90");
    expect(twilio.requests[0]?.form.get("Timeout")).toBe("15");
  });
});
