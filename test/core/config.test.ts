import { describe, expect, it } from "vitest";
import { createClient, TwilioValidationError } from "../../src/index.js";
import {
  ACCOUNT_SID,
  API_KEY,
  API_SECRET,
  AUTH_TOKEN,
  callJson,
  jsonResponse,
  scriptedFetch,
} from "./fake-fetch.js";

const params = { to: "+15558675310", from: "+15017122661", url: "https://example.com/t" };

const requestUrlFor = async (config: Record<string, unknown>) => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
  await createClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fetch,
    ...config,
  }).calls.create(params);
  return requests[0]?.url;
};

const refusal = (config: unknown) => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
  try {
    createClient({ fetch, ...(config as object) } as Parameters<typeof createClient>[0]);
  } catch (error) {
    expect(requests).toHaveLength(0);
    expect(error).toBeInstanceOf(TwilioValidationError);
    return error as TwilioValidationError;
  }
  throw new Error("createClient accepted a bad config");
};

describe("hosts", () => {
  const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
  it.each([
    [{}, `https://api.twilio.com${path}`],
    [{ edge: "sydney" }, `https://api.sydney.us1.twilio.com${path}`],
    [{ region: "au1" }, `https://api.au1.twilio.com${path}`],
    [{ edge: "sydney", region: "au1" }, `https://api.sydney.au1.twilio.com${path}`],
    [{ baseUrl: "http://127.0.0.1:8787" }, `http://127.0.0.1:8787${path}`],
    [{ baseUrl: "http://localhost:3000/twilio/" }, `http://localhost:3000/twilio${path}`],
    [{ baseUrl: "https://proxy.example.com/a/b//" }, `https://proxy.example.com/a/b${path}`],
  ])("%j sends to %s", async (config, url) => {
    expect(await requestUrlFor(config)).toBe(url);
  });
});

describe("credentials", () => {
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;

  it("uses the account SID and auth token", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    await createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch }).calls.create(
      params,
    );
    expect(requests[0]?.headers.get("authorization")).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
  });

  it("uses the API key and secret, with the main account in the path", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    await createClient({
      accountSid: ACCOUNT_SID,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      fetch,
    }).calls.create(params);
    expect(requests[0]?.headers.get("authorization")).toBe(basic(API_KEY, API_SECRET));
    expect(requests[0]?.url).toContain(`/Accounts/${ACCOUNT_SID}/`);
  });

  it("encodes non-Latin-1 secrets as UTF-8 bytes", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    await createClient({ accountSid: ACCOUNT_SID, authToken: "tökén-密码", fetch }).calls.create(
      params,
    );
    expect(requests[0]?.headers.get("authorization")).toBe(basic(ACCOUNT_SID, "tökén-密码"));
  });
});

describe("bad config is refused before any request", () => {
  it.each([
    ["accountSid", { authToken: AUTH_TOKEN }, /is required: your main account SID/],
    ["accountSid", { accountSid: "AC123", authToken: AUTH_TOKEN }, /must match/],
    ["accountSid", { accountSid: API_KEY, authToken: AUTH_TOKEN }, /pass it as apiKey/],
    ["authToken", { accountSid: ACCOUNT_SID }, /non-empty/],
    ["authToken", { accountSid: ACCOUNT_SID, authToken: "  " }, /non-empty/],
    [
      "authToken",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKey: API_KEY, apiSecret: API_SECRET },
      /cannot be combined/,
    ],
    ["apiKey", { accountSid: ACCOUNT_SID, apiKey: "SK1", apiSecret: API_SECRET }, /SK/],
    ["apiKey", { accountSid: ACCOUNT_SID, apiSecret: API_SECRET }, /must match/],
    ["apiSecret", { accountSid: ACCOUNT_SID, apiKey: API_KEY }, /non-empty/],
    [
      "region",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, region: "evil.com/x" },
      /host label/,
    ],
    ["edge", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, edge: "a b" }, /host label/],
    [
      "baseUrl",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "ftp://x" },
      /http\(s\)/,
    ],
    [
      "baseUrl",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "/relative" },
      /absolute/,
    ],
    [
      "baseUrl",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "https://u:p@x.com" },
      /credentials/,
    ],
    [
      "baseUrl",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "https://x.com/?a=1" },
      /query/,
    ],
    [
      "baseUrl",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: "https://x.com", region: "au1" },
      /region or edge/,
    ],
    ["timeout", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeout: 0 }, /integer from 1/],
    ["timeout", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeout: 1.5 }, /integer/],
    [
      "maxRetries",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, maxRetries: -1 },
      /integer from 0 to 10/,
    ],
    [
      "userAgent",
      { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, userAgent: "a\r\nX-Evil: 1" },
      /one line/,
    ],
    ["fetch", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch: "nope" }, /function/],
  ])("%s: %j", (param, config, rule) => {
    const error = refusal(config);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(rule);
    expect(error.message.startsWith(`${param}: `)).toBe(true);
  });

  it("refuses a missing config object", () => {
    expect(() => createClient(undefined as never)).toThrow(TwilioValidationError);
  });
});

describe("defaults and options", () => {
  it("sends JSON and form headers and a User-Agent with the suffix", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    await createClient({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fetch,
      userAgent: "my-app/2",
    }).calls.create(params);
    const headers = requests[0]?.headers;
    expect(requests[0]?.method).toBe("POST");
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(headers?.get("user-agent")).toMatch(/^twilio-edge-calls\/\d+\.\d+\.\d+ my-app\/2$/);
  });

  it("calls an injected fetch unbound, as a plain function", async () => {
    let receiver: unknown = "unset";
    const fetch = function (this: unknown) {
      receiver = this;
      return Promise.resolve(jsonResponse(callJson()));
    } as unknown as typeof globalThis.fetch;
    await createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch }).calls.create(
      params,
    );
    expect(receiver).toBeUndefined();
  });

  it("keeps no secret on the client object", () => {
    const client = createClient({
      accountSid: ACCOUNT_SID,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
    });
    const seen = JSON.stringify(client) + String(Object.values(client));
    expect(seen).not.toContain(API_SECRET);
    // The secret would show encoded, not as is, if the resolved headers were ever kept on the client.
    expect(seen).not.toMatch(/Basic |authorization/i);
    expect(client.accountSid).toBe(ACCOUNT_SID);
  });

  it("the version in the User-Agent is the package's", async () => {
    const { VERSION } = await import("../../src/calls/config.js");
    const { default: pkg } = await import("../../package.json", { with: { type: "json" } });
    expect(VERSION).toBe(pkg.version);
  });
});

describe("unknown options are refused, with a did-you-mean", () => {
  it.each([
    ["logLevel", { logLevel: "debug" }, /^logLevel: is not an option of createClient$/],
    ["timout", { timout: 5000 }, /did you mean timeout\?$/],
    ["authtoken", { authtoken: "x" }, /did you mean authToken\?$/],
    ["max_retries", { max_retries: 1 }, /did you mean maxRetries\?$/],
    ["baseURL", { baseURL: "http://127.0.0.1:4010" }, /did you mean baseUrl\?$/],
  ])("%s", (param, extra, rule) => {
    const error = refusal({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ...extra });
    expect(error.param).toBe(param);
    expect(error.message).toMatch(rule);
  });

  it("an option set to undefined is as good as left out", () => {
    expect(() =>
      createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeout: undefined }),
    ).not.toThrow();
  });
});
