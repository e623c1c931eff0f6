import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signCallback } from "../worker/callback-signature.js";
import { ACCOUNT_SID, API_KEY, SECRETS, usNumber } from "../worker/fixtures.js";
import { scanForSecrets } from "../worker/harness.js";
import { expectClientProblem } from "../worker/problem.js";
import { signJwt } from "../worker/tokens.js";
import { newCallSid } from "../worker/twilio-recorder.js";
import { AUTH, runs, useHostileProxy } from "./hostile.js";
import { SEED } from "./seeded.js";

scanForSecrets();

const { proxy, post, refusedWithoutTwilio } = useHostileProxy();
const text = fc.string({ unit: "binary", maxLength: 64 });

/** A header value fetch will send: tab, visible ASCII, space and latin-1, no outer whitespace. */
const headerText = (maxLength: number) =>
  fc
    .string({
      unit: fc
        .oneof(
          fc.constant(9),
          fc.integer({ min: 0x20, max: 0x7e }),
          fc.integer({ min: 0x80, max: 0xff }),
        )
        .map((code) => String.fromCharCode(code)),
      maxLength,
    })
    .map((value) => value.replace(/^[ \t]+|[ \t]+$/g, ""));

const badContentType = fc
  .oneof(
    headerText(60),
    fc.constantFrom(
      "",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonp",
      "application/json-patch+json",
      "application/problem+json",
      "text/json",
      "application/ json",
      "json",
      "application/json\u00a0",
    ),
  )
  .filter((value) => !/^application\/json\s*(;|$)/i.test(value));

const badIdempotencyKey = fc
  .oneof(
    headerText(300),
    fc.constantFrom("a b", "cl\u00e9", "x".repeat(256), "\u00ff", "tab\there", "a\u00a0b"),
  )
  // An empty header is dropped on the way (fetch or workerd), so the request simply has no key.
  .filter((value) => value !== "" && !/^[\x21-\x7e]{1,255}$/.test(value));

const badAuthorization = fc.oneof(
  headerText(200),
  headerText(60).map((value) => `Bearer ${value}`),
  fc.constantFrom(
    "",
    "Bearer",
    "Bearer ",
    `bearer ${API_KEY}`,
    `Bearer ${API_KEY.slice(0, -1)}`,
    `Bearer ${API_KEY}x`,
    `Bearer ${API_KEY.toUpperCase()}`,
    `Basic ${btoa(`${ACCOUNT_SID}:x`)}`,
    `Bearer ${API_KEY} ${API_KEY}`,
    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
    "Bearer eyJ.eyJ.x",
    "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
    `Bearer ${"x".repeat(5000)}`,
  ),
);

describe(`hostile headers on POST /v1/calls (seed ${SEED})`, () => {
  it("answers an odd Content-Type, Idempotency-Key or Authorization with a 4xx problem", async () => {
    const headers = fc
      .record(
        {
          "Content-Type": badContentType,
          "Idempotency-Key": badIdempotencyKey,
          Authorization: badAuthorization,
        },
        { requiredKeys: [] },
      )
      .filter((picked) => Object.keys(picked).length > 0);
    await fc.assert(
      fc.asyncProperty(headers, async (picked) => {
        const { response, problem } = await refusedWithoutTwilio(() =>
          post(JSON.stringify({ to: usNumber(3) }), picked),
        );
        if (picked.Authorization !== undefined) {
          expect(response.status).toBe(401);
        } else if (picked["Idempotency-Key"] !== undefined) {
          expect(problem.code).toBe("idempotency_key_invalid");
        } else {
          expect(response.status).toBe(415);
        }
      }),
      runs(200),
    );
  });

  it("refuses expired, forged and foreign JWTs with 401", async () => {
    const tokens = await Promise.all([
      signJwt("mallory", { expiresIn: -60 }),
      signJwt("mallory", { secret: `${SECRETS.PROXY_JWT_SECRET}x` }),
      signJwt("mallory", { alg: "RS256", forged: true }),
      signJwt("mallory", { audience: "someone-else" }),
      signJwt("mallory", { issuer: "https://evil.example/" }),
      signJwt("", {}),
    ]);
    for (const token of tokens) {
      const { response } = await refusedWithoutTwilio(() =>
        post(JSON.stringify({ to: usNumber(3) }), { Authorization: `Bearer ${token}` }),
      );
      expect(response.status).toBe(401);
    }
  });

  it("treats odd but valid Idempotency-Keys as plain keys (no injection, no prototype lookups)", async () => {
    const keys = [
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "';DROP/**/TABLE/**/idempotency;--",
      "%00",
      '"}{',
      "x".repeat(255),
    ];
    for (const [n, key] of keys.entries()) {
      const headers = { "Idempotency-Key": key };
      const first = await post(JSON.stringify({ to: usNumber(10 + n) }), headers);
      const again = await post(JSON.stringify({ to: usNumber(10 + n) }), headers);
      expect([key, first.status, again.status]).toEqual([key, 201, 201]);
      expect(again.json().sid).toBe(first.json().sid);
      expect(again.headers.get("idempotency-replayed")).toBe("true");
    }
    const after = await post(JSON.stringify({ to: usNumber(9) }), { "Idempotency-Key": "fresh" });
    expect(after.status, "the idempotency table survived").toBe(201);
  });
});

describe(`hostile paths, methods and callbacks (seed ${SEED})`, () => {
  it("answers random paths and methods with a 4xx problem", async () => {
    const path = fc.oneof(
      fc.webPath().map((p) => `/${p.replace(/^\/+/, "")}`),
      fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/v1/calls/${encodeURIComponent(s)}`),
      fc.constantFrom(
        "/v1/calls/",
        "/v1/calls//x",
        "/v1/twilio/status/x",
        "/V1/CALLS",
        "/v1/calls/%2e%2e",
        `/v1/calls/${newCallSid()}/hangup`,
        `/v1/calls/${newCallSid()}/events`,
        "/v1/calls/x/hangup/",
        "/v1/calls/x/events/x",
      ),
    );
    const method = fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS");
    await fc.assert(
      fc.asyncProperty(path, method, async (where, verb) => {
        // A POST to /v1/calls sends "{}" as text/plain: 415, like every other route here, a 4xx.
        await refusedWithoutTwilio(() =>
          proxy().fetch(where, {
            method: verb,
            headers: AUTH,
            ...(verb === "GET" || verb === "OPTIONS" ? {} : { body: "{}" }),
          }),
        );
      }),
      runs(120),
    );
  });

  it("answers signed status callbacks with random fields with 204 or 400, never a 5xx", async () => {
    // Well-formed text only: a lone surrogate would not survive the form encoding that is signed.
    const wellFormed = text.filter((value) => !/\p{Cs}/u.test(value));
    const field = fc.oneof(wellFormed, fc.constantFrom("", "9".repeat(400), "-1", "1e308", "NaN"));
    const params = fc.record(
      {
        CallSid: fc.oneof(fc.constant(newCallSid()), wellFormed),
        CallStatus: fc.oneof(
          fc.constantFrom("initiated", "ringing", "in-progress", "completed", "busy"),
          wellFormed,
        ),
        Timestamp: fc.oneof(field, fc.date({ noInvalidDate: false }).map(String)),
        CallDuration: field,
        AnsweredBy: field,
        Extra: field,
      },
      { requiredKeys: [] },
    );
    // Signed for the URL the proxy gave Twilio, so that each one reaches the caller's object.
    const placed = await proxy().createCall({ to: usNumber(8) });
    expect(placed.status).toBe(201);
    const url = String(proxy().twilio.creates().at(-1)?.form.get("StatusCallback"));
    await fc.assert(
      fc.asyncProperty(params, async (random) => {
        const form = { AccountSid: ACCOUNT_SID, ...random } as Record<string, string>;
        const signature = signCallback(form, undefined, url);
        const response = await proxy().fetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
          },
          body: new URLSearchParams(form).toString(),
        });
        if (response.status === 204) return;
        expectClientProblem(response);
      }),
      runs(100),
    );
  });
});
