import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, AUDIENCE, ISSUER, OTHER_API_KEY, SECRETS, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { signJwt } from "./tokens.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: { LIMIT_CALLER_PER_MINUTE: "100", LIMIT_DESTINATION_PER_HOUR: "100" },
  });
});
afterAll(() => proxy.close());

let n = 0;
const attempt = (headers: Record<string, string>) =>
  proxy.createCall({ to: usNumber(++n) }, headers);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The caller id the proxy logged for its latest request. */
const lastCaller = () => proxy.logLines().slice(-1)[0]?.caller;

const expectRefused = async (headers: Record<string, string>, code = "credentials_invalid") => {
  const before = proxy.twilio.requests.length;
  const response = await attempt(headers);
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  expect(response.json()).toMatchObject({ status: 401, code });
  expect(proxy.twilio.requests.length).toBe(before);
};

describe("API keys", () => {
  it("accepts each configured key, as its own caller", async () => {
    expect((await attempt(bearer(API_KEY))).status).toBe(201);
    const first = lastCaller();
    expect((await attempt(bearer(OTHER_API_KEY))).status).toBe(201);
    expect(first).toMatch(/^key:[0-9a-f]{8}$/);
    expect(lastCaller()).toMatch(/^key:[0-9a-f]{8}$/);
    expect(lastCaller()).not.toBe(first);
  });

  it("refuses no credentials, a wrong key, a key prefix and a malformed header", async () => {
    await expectRefused({}, "credentials_missing");
    await expectRefused(bearer("pk_test_alpha_7d3f9a1c5e2b8d41"));
    await expectRefused(bearer(API_KEY.slice(0, -1)));
    await expectRefused(bearer(`${API_KEY}x`));
    await expectRefused({ Authorization: `Basic ${API_KEY}` });
    await expectRefused({ Authorization: API_KEY });
  });
});

describe("JWTs", () => {
  it("accepts an HS256 token and uses its sub as the caller", async () => {
    expect((await attempt(bearer(await signJwt("user-42")))).status).toBe(201);
    expect(lastCaller()).toBe("jwt:hs:user-42");
  });

  it.each(["RS256", "ES256"] as const)(
    "accepts a %s token signed by a key in the JWKS",
    async (alg) => {
      expect((await attempt(bearer(await signJwt(`user-${alg}`, { alg })))).status).toBe(201);
      expect(lastCaller()).toBe(`jwt:jwks:user-${alg}`);
    },
  );

  it("refuses expired, wrong-issuer, wrong-audience and wrongly signed tokens", async () => {
    await expectRefused(bearer(await signJwt("u", { expiresIn: -60 })));
    await expectRefused(bearer(await signJwt("u", { issuer: "https://evil.test/" })));
    await expectRefused(bearer(await signJwt("u", { audience: "someone-else" })));
    await expectRefused(
      bearer(await signJwt("u", { secret: "another_secret_of_at_least_32_chars!!" })),
    );
    await expectRefused(bearer(await signJwt("u", { alg: "RS256", forged: true })));
  });

  it("refuses a token without sub or exp, and an unsigned (alg none) token", async () => {
    const key = new TextEncoder().encode(SECRETS.PROXY_JWT_SECRET);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .sign(key);
    await expectRefused(bearer(noSub));
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u")
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(key);
    await expectRefused(bearer(noExp));
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: "u", iss: ISSUER, aud: AUDIENCE, exp: now + 300 };
    await expectRefused(bearer(`${part({ alg: "none" })}.${part(claims)}.`));
    await expectRefused(bearer(`${part({ alg: "none" })}.${part(claims)}.x`));
  });

  it("accepts a sub of up to 256 characters and refuses a longer one", async () => {
    expect((await attempt(bearer(await signJwt("x".repeat(256))))).status).toBe(201);
    await expectRefused(bearer(await signJwt("x".repeat(257))));
  });

  it("accepts no HS256 token when only the JWKS is configured", async () => {
    const jwksOnly = await startProxy({ env: { PROXY_JWT_SECRET: undefined } });
    try {
      const response = await jwksOnly.createCall({ to: usNumber(80) }, bearer(await signJwt("u")));
      expect(response.status).toBe(401);
      expect(jwksOnly.twilio.requests).toEqual([]);
    } finally {
      await jwksOnly.close();
    }
  });
});

describe("Turnstile", () => {
  it("accepts a token that siteverify confirms, as a caller named by the IP's hash", async () => {
    const response = await attempt({
      "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX",
      "CF-Connecting-IP": "203.0.113.9",
    });
    expect(response.status).toBe(201);
    expect(lastCaller()).toMatch(/^turnstile:[0-9a-f]{12}$/);
    expect(JSON.stringify(proxy.logLines())).not.toContain("203.0.113.9");
  });

  it("refuses a token that siteverify rejects", async () => {
    const strict = await startProxy({
      env: { TURNSTILE_SECRET_KEY: "0x4AAAAAAAnot_this_widget_secret_5b9d3f1e" },
    });
    try {
      const response = await strict.createCall(
        { to: usNumber(90) },
        { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" },
      );
      expect(response.status).toBe(401);
      expect(response.json().code).toBe("credentials_invalid");
      expect(strict.twilio.requests).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

describe("when the identity provider cannot be reached", () => {
  it("fails closed: 503 auth_unavailable with Retry-After, and no call", async () => {
    const thirdParties = new Set(["auth.test", "challenges.cloudflare.com"]);
    const down = await startProxy({
      outbound: (host) =>
        thirdParties.has(host) ? new Response("unavailable", { status: 503 }) : undefined,
    });
    try {
      for (const headers of [
        bearer(await signJwt("u", { alg: "RS256" })),
        { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" },
      ]) {
        const response = await down.createCall({ to: usNumber(70) }, headers);
        expect(response.status).toBe(503);
        expect(response.json()).toMatchObject({ status: 503, code: "auth_unavailable" });
        expect(response.headers.get("retry-after")).toBe("5");
      }
      expect(down.twilio.requests).toEqual([]);
      const local = await down.createCall({ to: usNumber(71) }, bearer(await signJwt("u")));
      expect(local.status, "an HS256 token needs no third party").toBe(201);
    } finally {
      await down.close();
    }
  });
});
