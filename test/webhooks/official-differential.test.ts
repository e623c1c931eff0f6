import fc from "fast-check";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { getExpectedTwilioSignature, validateRequest } from "../../src/webhooks/index.js";

// 200 random webhook requests: the official helpers and these agree on every one, for signatures
// that are right, over another URL form, or forged.
const text = fc.string({ unit: "grapheme", maxLength: 12 });
const form = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
  { maxKeys: 5 },
);
const request = fc.record({
  authToken: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== ""),
  scheme: fc.constantFrom("https", "http"),
  credentials: fc.constantFrom("", "user@", "user:pass@"),
  host: fc.domain(),
  port: fc.constantFrom("", ":443", ":80", ":8080"),
  path: fc.webPath(),
  query: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 5 }), text), { maxLength: 3 }),
  form,
  signedAs: fc.constantFrom("same", "no-port", "default-port", "forged"),
});

describe("official webhook helpers, differential (seed 20261203, 200 runs)", () => {
  it("validateRequest and getExpectedTwilioSignature agree with the official package", async () => {
    const outcomes = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const search = r.query
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join("&");
        const base = `${r.scheme}://${r.credentials}${r.host}`;
        const rest = `${r.path || "/"}${search ? `?${search}` : ""}`;
        const requestUrl = `${base}${r.port}${rest}`;
        const signedUrl =
          r.signedAs === "no-port"
            ? `${base}${rest}`
            : r.signedAs === "default-port"
              ? `${base}${r.scheme === "https" ? ":443" : ":80"}${rest}`
              : requestUrl;
        const official = twilio.getExpectedTwilioSignature(r.authToken, signedUrl, r.form);
        expect(await getExpectedTwilioSignature(r.authToken, signedUrl, r.form)).toBe(official);
        const signature = r.signedAs === "forged" ? `${official.slice(0, -2)}A=` : official;
        const expected = twilio.validateRequest(r.authToken, signature, requestUrl, r.form);
        expect(await validateRequest(r.authToken, signature, requestUrl, r.form)).toBe(expected);
        outcomes[expected ? "valid" : "invalid"]++;
      }),
      { seed: 20261203, numRuns: 200 },
    );
    // Both answers occur often enough for the agreement to mean something.
    expect(outcomes.valid).toBeGreaterThan(50);
    expect(outcomes.invalid).toBeGreaterThan(30);
  });
});
