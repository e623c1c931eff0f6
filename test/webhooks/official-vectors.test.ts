import { describe, expect, it } from "vitest";
import {
  getExpectedBodyHash,
  getExpectedTwilioSignature,
  validateBody,
  validateRequest,
  validateRequestWithBody,
} from "../../src/webhooks/index.js";

import {
  JSON_BODY as body,
  JSON_BODY_SHA256 as bodyHash,
  PARAMS as params,
  AUTH_TOKEN as token,
  URL_SIGNED as url,
} from "./published-vectors.js";

// The official package's own webhook test vectors (its validation and webhooks specs), as data.
const emptyBodyHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

type RequestVector = [
  string,
  string,
  Record<string, string | string[]>,
  string | undefined,
  boolean,
];
const requestVectors: RequestVector[] = [
  ["the correct signature", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true],
  ["a wrong signature", url, params, "WRONG_SIGNATURE", false],
  ["no signature", url, params, undefined, false],
  [
    "an https port, stripped",
    url.replace(".com", ".com:1234"),
    params,
    "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
    true,
  ],
  [
    "an http port",
    "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
    params,
    "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
    true,
  ],
  ["https signed with :443 added", url, params, "kvajT1Ptam85bY51eRf/AJRuM3w=", true],
  [
    "http signed with :80 added",
    "http://mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "0ZXoZLH/DfblKGATFgpif+LLRf4=",
    true,
  ],
  [
    "credentials",
    "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "CukzLTc1tT5dXEDIHm/tKBanW10=",
    true,
  ],
  [
    "just a username",
    "https://user@mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "2YRLlVAflCqxaNicjMpJcSTgzSs=",
    true,
  ],
  [
    "credentials, signed with :443",
    "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
    true,
  ],
  ["special characters", `${url}&Body=It's+amazing`, params, "TfZzewPq8wqrGlMfyAud8+/IvJ0=", true],
  [
    "an array parameter",
    url,
    { "MessagingBinding.Address": ["+1325xxxxxxx", "+1415xxxxxxx"] },
    "83O6e2vORAoJHUNzJjDWN1jz+BA=",
    true,
  ],
  [
    "an array in another order",
    url,
    { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] },
    "83O6e2vORAoJHUNzJjDWN1jz+BA=",
    true,
  ],
  [
    "several params and repeated values",
    url,
    { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] },
    "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
    true,
  ],
];

describe("validateRequest (the official vectors)", () => {
  it.each(requestVectors)("%s", async (_, requestUrl, form, signature, valid) => {
    expect(await validateRequest(token, signature, requestUrl, form)).toBe(valid);
  });
});

describe("validateBody and validateRequestWithBody (the official vectors)", () => {
  it("validates a body against its SHA-256, and refuses a wrong one", async () => {
    expect(await validateBody(body, bodyHash)).toBe(true);
    expect(await validateBody(body, "WRONG_HASH")).toBe(false);
    expect(await validateBody(new TextEncoder().encode(body), bodyHash)).toBe(true);
    expect(await getExpectedBodyHash(body)).toBe(bodyHash);
  });

  it("validates a JSON-bodied request, an empty one and one with only the hash in its URL", async () => {
    const withHash = `${url}&bodySHA256=${bodyHash}`;
    expect(
      await validateRequestWithBody(token, "a9nBmqA0ju/hNViExpshrM61xv4=", withHash, body),
    ).toBe(true);
    const emptyUrl = `${url}&bodySHA256=${emptyBodyHash}`;
    expect(
      await validateRequestWithBody(token, "Ldidvp12m26NI7eqEvxnEpkd9Hc=", emptyUrl, "{}"),
    ).toBe(true);
    const shortUrl = `https://mycompany.com/myapp.php?bodySHA256=${bodyHash}`;
    expect(
      await validateRequestWithBody(token, "y77kIzt2vzLz71DgmJGsen2scGs=", shortUrl, body),
    ).toBe(true);
  });

  it("refuses a body when the URL has no bodySHA256, or the body was changed", async () => {
    expect(await validateRequestWithBody(token, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, body)).toBe(
      false,
    );
    const withHash = `${url}&bodySHA256=${bodyHash}`;
    expect(
      await validateRequestWithBody(token, "a9nBmqA0ju/hNViExpshrM61xv4=", withHash, `${body} `),
    ).toBe(false);
  });
});

describe("getExpectedTwilioSignature and URL forms (the official webhooks spec)", () => {
  const authToken = "s3cr3t";
  const cases: [string, string, boolean][] = [
    ["https://example.com/path?test=param", "https://example.com/path?test=param2", false],
    ["https://example.com:443/path?test=param", "https://example.com:443/path?test=param", true],
    ["https://example.com:443/path?test=param", "https://example.com/path?test=param", true],
    ["https://example.com/path?test=param", "https://example.com/path?test=param", true],
    ["https://example.com/path?test=param", "https://example.com:443/path?test=param", true],
    [
      "https://example.com/path?test=param'WithQuote",
      "https://example.com/path?test=param'WithQuote",
      true,
    ],
    [
      "https://example.com/path?test=param'WithQuote",
      "https://example.com/path?test=param%27WithQuote",
      true,
    ],
    [
      "https://example.com/path?test=param%27WithQuote",
      "https://example.com/path?test=param'WithQuote",
      true,
    ],
    [
      "https://example.com/path?test=param%27WithQuote",
      "https://example.com/path?test=param%27WithQuote",
      true,
    ],
  ];
  it.each(cases)("signed over %s, checked against %s: %s", async (signedUrl, targetUrl, valid) => {
    const signature = await getExpectedTwilioSignature(authToken, signedUrl, {});
    expect(await validateRequest(authToken, signature, targetUrl, {})).toBe(valid);
  });

  it("takes null params for a JSON-bodied webhook, as the official one does", async () => {
    const hashed = `https://example.com/hook?bodySHA256=${bodyHash}`;
    expect(await getExpectedTwilioSignature(authToken, hashed, null)).toBe(
      await getExpectedTwilioSignature(authToken, hashed, {}),
    );
  });
});
