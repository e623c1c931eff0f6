import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { emulatorSettings, twilioSettings } from "../../scripts/start/settings.js";
import { usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy } from "./harness.js";

scanForSecrets();

/** Cloudflare's documented Turnstile test secrets and test site keys (all always pass or fail). */
const TEST_SECRETS = [
  "1x0000000000000000000000000000000AA",
  "2x0000000000000000000000000000000AA",
  "3x0000000000000000000000000000000AA",
];
const TEST_SITE_KEYS = [
  "1x00000000000000000000AA",
  "2x00000000000000000000AB",
  "1x00000000000000000000BB",
  "2x00000000000000000000BB",
  "3x00000000000000000000FF",
];

/** Starts a proxy with `env` changed, makes one Turnstile-authenticated request, and closes it. */
const withEnv = async (env: Record<string, string | undefined>) => {
  const proxy = await startProxy({ env });
  try {
    const response = await proxy.createCall(
      { to: usNumber(1) },
      { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" },
    );
    return { response, log: proxy.logLines().slice(-1)[0] ?? {}, twilio: proxy.twilio };
  } finally {
    await proxy.close();
  }
};

const expectRefusedSetting = async (
  env: Record<string, string | undefined>,
  setting: string,
  value: string,
  rule: string,
) => {
  const { response, log, twilio } = await withEnv(env);
  expect(response.status).toBe(500);
  expect(response.json()).toMatchObject({ status: 500, code: "config_invalid" });
  expect(log).toMatchObject({ status: 500, reason: "config_invalid", setting });
  expect(String(log.error)).toContain(rule);
  expect(JSON.stringify(log), "the log names the setting, never its value").not.toContain(value);
  expect(response.text).not.toContain(value);
  expect(twilio.requests).toEqual([]);
};

describe("Turnstile test keys", () => {
  it.each([...TEST_SECRETS, ...TEST_SITE_KEYS])(
    "refuses TURNSTILE_SECRET_KEY=%s outside local development",
    (key) =>
      expectRefusedSetting(
        { TURNSTILE_SECRET_KEY: key },
        "TURNSTILE_SECRET_KEY",
        key,
        "Cloudflare's Turnstile test keys",
      ),
  );

  it("refuses the always-pass secret when LOCAL_DEVELOPMENT is anything but true", () =>
    expectRefusedSetting(
      { TURNSTILE_SECRET_KEY: TEST_SECRETS[0], LOCAL_DEVELOPMENT: "false" },
      "TURNSTILE_SECRET_KEY",
      String(TEST_SECRETS[0]),
      "LOCAL_DEVELOPMENT",
    ));

  it("refuses a LOCAL_DEVELOPMENT that is neither true nor false", () =>
    expectRefusedSetting(
      { LOCAL_DEVELOPMENT: "yes" },
      "LOCAL_DEVELOPMENT",
      "yes",
      "true or false",
    ));

  it("accepts the always-pass secret with LOCAL_DEVELOPMENT=true, as npm start sets it", async () => {
    const { response } = await withEnv({
      TURNSTILE_SECRET_KEY: TEST_SECRETS[0],
      LOCAL_DEVELOPMENT: "true",
    });
    expect(response.status).toBe(201);
  });
});

describe("npm start", () => {
  it("sets LOCAL_DEVELOPMENT=true in the env file it generates, in both of its modes", () => {
    const emulator = emulatorSettings({
      proxyOrigin: "http://127.0.0.1:8787",
      emulatorUrl: "http://127.0.0.1:9999",
      demoKey: "demo_0123456789abcdef",
    });
    expect(emulator.LOCAL_DEVELOPMENT).toBe("true");
    const { vars } = twilioSettings({
      proxyOrigin: "http://127.0.0.1:8787",
      demoKey: "demo_0123456789abcdef",
      base: {},
      devVars: {},
    });
    expect(vars.LOCAL_DEVELOPMENT).toBe("true");
  });
});

const EXAMPLE_VALUES = Object.entries(
  parseEnv(readFileSync(new URL("../../.dev.vars.example", import.meta.url), "utf8")),
).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");

describe("placeholders of .dev.vars.example", () => {
  it("holds some placeholders to test", () => {
    expect(EXAMPLE_VALUES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(EXAMPLE_VALUES)("refuses its %s=%s, even in local development", (setting, value) =>
    expectRefusedSetting(
      { [setting]: value, LOCAL_DEVELOPMENT: "true" },
      setting,
      value,
      "placeholder",
    ),
  );

  it.each([
    ["PROXY_API_KEYS", "change-me-to-a-long-random-key"],
    ["PROXY_API_KEYS", "pk_test_alpha_7d3f9a1c5e2b8d40,change-me-to-a-long-random-key"],
    ["TWILIO_AUTH_TOKEN", "your_auth_token"],
    ["TWILIO_ACCOUNT_SID", "ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    ["TWILIO_API_KEY", "SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    ["PROXY_JWT_SECRET", "your_jwt_secret_of_at_least_32_characters"],
    ["TURNSTILE_SECRET_KEY", "change-me"],
  ])("refuses %s=%s, even in local development", (setting, value) =>
    expectRefusedSetting(
      { [setting]: value, LOCAL_DEVELOPMENT: "true" },
      setting,
      value.split(",").slice(-1)[0] ?? value,
      "placeholder",
    ),
  );
});
