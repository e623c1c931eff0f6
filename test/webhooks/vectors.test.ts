import { describe, expect, it } from "vitest";
import { validateWebhookRequest, validateWebhookSignature } from "../../src/webhooks/index.js";

import {
  AUTH_TOKEN as authToken,
  JSON_BODY_SHA256 as bodyHash,
  JSON_BODY as jsonBody,
  PARAMS as params,
  URL_SIGNED as url,
} from "./published-vectors.js";

// The published vectors of spec/twilio-facts.md ("Webhook signatures").

const vectors: [string, string, Record<string, string | string[]>, string][] = [
  ["the URL", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
  [
    "a non-default https port, stripped",
    "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
    params,
    "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
  ],
  [
    "a non-default http port, stripped",
    "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
    params,
    "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
  ],
  ["signed with :443 added", url, params, "kvajT1Ptam85bY51eRf/AJRuM3w="],
  [
    "signed with :80 added",
    "http://mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "0ZXoZLH/DfblKGATFgpif+LLRf4=",
  ],
  [
    "credentials in the URL",
    "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
    params,
    "CukzLTc1tT5dXEDIHm/tKBanW10=",
  ],
  ["a legacy-encoded query", `${url}&Body=It's+amazing`, params, "TfZzewPq8wqrGlMfyAud8+/IvJ0="],
  [
    "an array value",
    url,
    { "MessagingBinding.Address": ["+1325xxxxxxx", "+1415xxxxxxx"] },
    "83O6e2vORAoJHUNzJjDWN1jz+BA=",
  ],
  [
    "an array value in the other order",
    url,
    { "MessagingBinding.Address": ["+1415xxxxxxx", "+1325xxxxxxx"] },
    "83O6e2vORAoJHUNzJjDWN1jz+BA=",
  ],
  [
    "an array with a repeated value",
    url,
    { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] },
    "IK+Dwps556ElfBT0I3Rgjkr1wJU=",
  ],
  [
    "a bodySHA256 URL (the signature covers the URL alone)",
    `${url}&bodySHA256=${bodyHash}`,
    {},
    "a9nBmqA0ju/hNViExpshrM61xv4=",
  ],
];

describe("validateWebhookSignature: published vectors", () => {
  it.each(vectors)("accepts %s", async (_, vectorUrl, vectorParams, signature) => {
    expect(
      await validateWebhookSignature({
        authToken,
        signature,
        url: vectorUrl,
        params: vectorParams,
      }),
    ).toBe(true);
  });

  it.each(vectors)(
    "refuses %s under another token",
    async (_, vectorUrl, vectorParams, signature) => {
      expect(
        await validateWebhookSignature({
          authToken: "54321",
          signature,
          url: vectorUrl,
          params: vectorParams,
        }),
      ).toBe(false);
    },
  );

  it("accepts URLSearchParams with repeated keys as arrays", async () => {
    const form = new URLSearchParams(
      "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234",
    );
    const signature = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";
    expect(await validateWebhookSignature({ authToken, signature, url, params: form })).toBe(true);
  });

  it("refuses a wrong signature, a missing one and a tampered param", async () => {
    const signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    const check = (input: Partial<Parameters<typeof validateWebhookSignature>[0]>) =>
      validateWebhookSignature({ authToken, signature, url, params, ...input });
    expect(await check({ signature: "RSOYDt4T1cUTdK1PDd93/VVr8B9=" })).toBe(false);
    expect(await check({ signature: undefined })).toBe(false);
    expect(await check({ signature: "" })).toBe(false);
    expect(await check({ params: { ...params, Digits: "1235" } })).toBe(false);
    expect(await check({ url: `${url}&x=1` })).toBe(false);
  });
});

describe("validateWebhookRequest: published JSON-body vectors", () => {
  const jsonRequest = (requestUrl: string, signature: string, body = jsonBody) =>
    new Request(requestUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Twilio-Signature": signature },
      body,
    });

  it("accepts a JSON body whose hash is in the URL", async () => {
    const request = jsonRequest(`${url}&bodySHA256=${bodyHash}`, "a9nBmqA0ju/hNViExpshrM61xv4=");
    expect(await validateWebhookRequest(request, { authToken })).toBe(true);
    expect(await request.text()).toBe(jsonBody);
  });

  it("accepts the bodySHA256-only URL", async () => {
    const request = jsonRequest(
      `https://mycompany.com/myapp.php?bodySHA256=${bodyHash}`,
      "y77kIzt2vzLz71DgmJGsen2scGs=",
    );
    expect(await validateWebhookRequest(request, { authToken })).toBe(true);
  });

  it("refuses a body whose hash differs, with the right signature", async () => {
    const request = jsonRequest(
      `${url}&bodySHA256=${bodyHash}`,
      "a9nBmqA0ju/hNViExpshrM61xv4=",
      '{"property": "value", "boolean": false}',
    );
    expect(await validateWebhookRequest(request, { authToken })).toBe(false);
  });
});
