import fc from "fast-check";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { getExpectedTwilioSignature, validateWebhookSignature } from "../../src/webhooks/index.js";
import { twilioSignature } from "../../src/webhooks/signature.js";
import { twilioSigns } from "./twilio-signs.js";

const token = fc.string({ minLength: 1 }).filter((t) => t.trim() !== "");
const text = fc.string({ unit: "binary" });
const value = fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 }));
const params = fc.dictionary(fc.string({ unit: "binary", minLength: 1, maxLength: 12 }), value, {
  maxKeys: 6,
});
const url = fc.webUrl({ withQueryParameters: true });
const options = { seed: 20260414, numRuns: 150 };

// A value that differs from `old` as a signed value: not one of the values already there.
const changed = (old: string | string[]): string | string[] => {
  const values = [old].flat();
  let next = `${values[0] ?? ""}x`;
  while (values.includes(next)) next += "x";
  return Array.isArray(old) ? [next, ...values.slice(1)] : next;
};

describe("webhook signatures, property-based (seeded)", () => {
  it("a Twilio-signed request validates; changing a value, the URL or the token fails", async () => {
    await fc.assert(
      fc.asyncProperty(token, url, params, fc.nat(), async (authToken, signedUrl, form, pick) => {
        const signature = twilioSigns(authToken, signedUrl, form);
        const input = { authToken, signature, url: signedUrl, params: form };
        expect(await validateWebhookSignature(input)).toBe(true);

        const keys = Object.keys(form);
        const key = keys[pick % Math.max(keys.length, 1)];
        if (key !== undefined) {
          const tampered = { ...form, [key]: changed(form[key] ?? "") };
          expect(await validateWebhookSignature({ ...input, params: tampered })).toBe(false);
        }
        const [scheme, rest] = signedUrl.split("://") as [string, string];
        const otherHost = `${scheme}://x${rest}`;
        expect(await validateWebhookSignature({ ...input, url: otherHost })).toBe(false);
        expect(await validateWebhookSignature({ ...input, authToken: `${authToken}x` })).toBe(
          false,
        );
      }),
      options,
    );
  });

  it("twilioSignature equals the official library's getExpectedTwilioSignature", async () => {
    await fc.assert(
      fc.asyncProperty(token, url, params, async (authToken, signedUrl, form) => {
        const official = twilio.getExpectedTwilioSignature(authToken, signedUrl, form);
        expect(await twilioSignature(authToken, signedUrl, form)).toBe(official);
      }),
      options,
    );
  });

  it("the official validator and this one agree on URLs Twilio may rewrite", async () => {
    const port = fc.constantFrom("", ":443", ":80", ":8443");
    const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string(), {
      maxKeys: 3,
    });
    await fc.assert(
      fc.asyncProperty(token, fc.domain(), port, query, params, async (t, host, p, q, form) => {
        const search = Object.entries(q)
          .map(
            ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replaceAll("%20", "+")}`,
          )
          .join("&");
        const requestUrl = `https://${host}${p}/hook${search ? `?${search}` : ""}`;
        for (const signedUrl of [requestUrl, `https://${host}/hook?${search}`]) {
          const signature = twilioSigns(t, signedUrl, form);
          const official = twilio.validateRequest(t, signature, requestUrl, form);
          const ours = await validateWebhookSignature({
            authToken: t,
            signature,
            url: requestUrl,
            params: form,
          });
          expect(ours).toBe(official);
        }
      }),
      options,
    );
  });

  it("getExpectedTwilioSignature is the signing function under its official name", async () => {
    const form = { CallSid: "CA1", Digits: ["2", "1"] };
    expect(await getExpectedTwilioSignature("token", "https://example.com/hook", form)).toBe(
      await twilioSignature("token", "https://example.com/hook", form),
    );
  });
});
