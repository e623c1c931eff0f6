import { describe, expect, it } from "vitest";
import { check, committedVars, goodSecrets, settingsNamed } from "./production.js";

const TURNSTILE_ALWAYS_PASSES = "1x0000000000000000000000000000000AA";

describe("the deploy preflight", () => {
  it("accepts a complete production config", () => {
    expect(check()).toEqual({ problems: [], unchecked: [] });
  });

  it("refuses the committed placeholders until the user sets them", () => {
    const { problems } = check({}, committedVars());
    expect(problems.map((problem) => problem.setting)).toEqual([
      "PUBLIC_URL",
      "CORS_ORIGINS",
      "CALLER_IDS",
    ]);
    expect(problems[0]?.problem).toMatch(/placeholder/);
    expect(problems[2]?.problem).toMatch(/test-credentials number \+15005550006/);
  });

  it.each([
    ["http://localhost:8787", /local address \(localhost\)/],
    ["http://127.0.0.1:8787", /local address/],
    ["http://calls.acme-widgets.dev", /must use https/],
    ["https://calls.example.com", /placeholder/],
  ])("refuses PUBLIC_URL %s", (url, why) => {
    const { problems } = check({ vars: { PUBLIC_URL: url } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      setting: "PUBLIC_URL",
      problem: expect.stringMatching(why),
    });
    expect(problems[0]?.fix).toMatch(/\[env\.production\.vars\] of wrangler\.toml/);
  });

  it("refuses a config with no way to authenticate callers", () => {
    const { problems } = check({ secrets: { PROXY_API_KEYS: undefined } });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.setting).toContain("PROXY_API_KEYS");
    expect(problems[0]?.problem).toMatch(/no way for callers to authenticate/);
    expect(problems[0]?.fix).toMatch(/wrangler secret put PROXY_API_KEYS --env production/);
  });

  it("accepts JWKS callers alone (a var, no caller secret)", () => {
    const jwks = {
      AUTH_JWKS_URL: "https://auth.acme-widgets.dev/.well-known/jwks.json",
      AUTH_JWT_ISSUER: "https://auth.acme-widgets.dev/",
      AUTH_JWT_AUDIENCE: "twilio-edge-calls",
    };
    expect(check({ vars: jwks, secrets: { PROXY_API_KEYS: undefined } }).problems).toEqual([]);
  });

  it.each([
    ["TWILIO_AUTH_TOKEN", "your_auth_token"],
    ["PROXY_API_KEYS", "change-me-to-a-long-random-key"],
    ["TWILIO_ACCOUNT_SID", "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ])("refuses the placeholder secret of .dev.vars.example for %s", (name, value) => {
    const { problems } = check({ secrets: { [name]: value } });
    expect(problems[0]).toMatchObject({
      setting: name,
      problem: expect.stringMatching(/placeholder/),
    });
  });

  it.each([
    ["TURNSTILE_SECRET_KEY", TURNSTILE_ALWAYS_PASSES, /Turnstile's always-pass test secret/],
    ["TWILIO_AUTH_TOKEN", "emulator-auth-token", /emulator's auth token/],
    ["PROXY_API_KEYS", `srv-7Hq2Lm9Xw4Rt6Zb1Nc8Vd3Kp5Jy0Fs,emulator-api-secret`, /emulator/],
  ])("refuses the test secret in %s", (name, value, why) => {
    const { problems } = check({ secrets: { [name]: value } });
    expect(problems[0]).toMatchObject({ setting: name, problem: expect.stringMatching(why) });
  });

  it.each([
    ["http://app.acme-widgets.dev", /must use https/],
    ["http://localhost:5173", /local address/],
  ])("refuses the CORS origin %s", (origin, why) => {
    const { problems } = check({
      vars: { CORS_ORIGINS: `https://app.acme-widgets.dev,${origin}` },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      setting: "CORS_ORIGINS",
      problem: expect.stringMatching(why),
    });
  });

  it("accepts no CORS origins at all (server callers only)", () => {
    expect(check({ vars: { CORS_ORIGINS: "" } }).problems).toEqual([]);
  });

  it.each(["TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID"])(
    "refuses when %s is not set in production",
    (name) => {
      const present = Object.keys(goodSecrets()).filter((secret) => secret !== name);
      const { problems } = check({ present });
      expect(problems[0]).toMatchObject({ setting: name, problem: "is not set in production" });
      expect(problems[0]?.fix).toBe(`run \`npx wrangler secret put ${name} --env production\``);
    },
  );

  it("checks the vars around secrets set in production whose values it does not know", () => {
    const present = Object.keys(goodSecrets());
    expect(check({ secrets: { TWILIO_API_SECRET: undefined }, present }).problems).toEqual([]);
    const { problems } = check({
      secrets: { TWILIO_API_SECRET: undefined },
      present: present.filter((n) => n !== "TWILIO_API_SECRET"),
    });
    expect(problems.map((problem) => problem.setting)).toEqual(["TWILIO_API_SECRET"]);
    expect(problems[0]?.problem).toMatch(/must be set together/);
  });

  it("refuses LOCAL_DEVELOPMENT in production", () => {
    expect(settingsNamed({ vars: { LOCAL_DEVELOPMENT: "true" } })).toEqual(["LOCAL_DEVELOPMENT"]);
  });

  it("refuses a limit left to its default", () => {
    expect(settingsNamed({ vars: { LIMIT_GLOBAL_PER_DAY: undefined } })).toEqual([
      "LIMIT_GLOBAL_PER_DAY",
    ]);
  });

  it("refuses a secret written into wrangler.toml as a var, and a var the proxy does not read", () => {
    expect(
      settingsNamed({ vars: { TWILIO_AUTH_TOKEN: "d41c7a9e2b6f08c35e1a7d94b2c6f018" } }),
    ).toEqual(["TWILIO_AUTH_TOKEN"]);
    expect(settingsNamed({ vars: { LIMIT_CALER_PER_DAY: "10" } })).toEqual(["LIMIT_CALER_PER_DAY"]);
  });

  it("applies the worker's own config rules", () => {
    const { problems } = check({ vars: { CALLER_IDS: "4155550100" } });
    expect(problems).toEqual([
      expect.objectContaining({
        setting: "CALLER_IDS.0",
        problem: expect.stringMatching(/E\.164.*the worker's own config check/),
      }),
    ]);
    expect(settingsNamed({ vars: { CALL_FLOWS: "{not json" } })).toEqual(["CALL_FLOWS"]);
  });

  it("reports secrets it could not check in a dry run without values, and still checks the vars", () => {
    const noSecrets = Object.fromEntries(
      Object.keys(goodSecrets()).map((name) => [name, undefined]),
    );
    const result = check({ secrets: noSecrets, present: null });
    expect(result.problems).toEqual([]);
    expect(result.unchecked).toEqual([
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      expect.stringContaining("a caller credential"),
    ]);
    expect(
      check({
        secrets: noSecrets,
        present: null,
        vars: { PUBLIC_URL: "http://localhost:8787" },
      }).problems.map((p) => p.setting),
    ).toEqual(["PUBLIC_URL"]);
  });

  it("never puts a secret's value into a message", () => {
    const secrets = {
      ...goodSecrets(),
      TURNSTILE_SECRET_KEY: TURNSTILE_ALWAYS_PASSES,
      TWILIO_AUTH_TOKEN: "your_auth_token",
      PROXY_JWT_SECRET: "short-secret-value",
    };
    const result = check({ secrets, vars: { PUBLIC_URL: "http://localhost:8787" } });
    expect(result.problems.length).toBeGreaterThan(2);
    const text = JSON.stringify(result);
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });
});
