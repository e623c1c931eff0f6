import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIENCE, ISSUER, SECRETS, usNumber } from "./fixtures.js";
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
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const lastCaller = () => proxy.logLines().slice(-1)[0]?.caller;

const expectUnauthorized = async (target: TestProxy, token: string) => {
  const before = target.twilio.requests.length;
  const response = await target.createCall({ to: usNumber(++n) }, bearer(token));
  expect(response.status).toBe(401);
  expect(response.json()).toMatchObject({ status: 401, code: "credentials_invalid" });
  expect(target.twilio.requests.length).toBe(before);
};

/** An HS256 token with exactly these claims (beside iss and aud). */
const hsToken = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .sign(new TextEncoder().encode(SECRETS.PROXY_JWT_SECRET));

const now = () => Math.floor(Date.now() / 1000);

describe("JWT subjects", () => {
  it.each([
    ["a newline", "alice\nreason=ok"],
    ["a NUL", "alice\u0000"],
    ["an escape sequence", "\u001b[31malice"],
    ["DEL", "alice\u007f"],
    ["a C1 control (NEL)", "alice\u0085"],
    ["a right-to-left override", "ecila\u202e"],
    ["a line separator", "alice\u2028"],
    ["a lone surrogate", "alice\ud800"],
  ])("refuses a sub with %s, signed by the HS256 secret or the JWKS", async (_, subject) => {
    await expectUnauthorized(proxy, await signJwt(subject));
    await expectUnauthorized(proxy, await signJwt(subject, { alg: "RS256" }));
  });

  it.each([
    ["empty", ""],
    ["a number", 42],
    ["an object", { id: "alice" }],
    ["too long", "x".repeat(257)],
  ])("refuses a sub that is %s", async (_, sub) => {
    await expectUnauthorized(proxy, await hsToken({ sub, exp: now() + 300 }));
  });

  it("accepts a sub of 256 printable characters, including non-ASCII letters", async () => {
    const subject = `élodie-${"x".repeat(249)}`;
    const response = await proxy.createCall({ to: usNumber(++n) }, bearer(await signJwt(subject)));
    expect(response.status).toBe(201);
    expect(lastCaller()).toBe(`jwt:hs:${subject}`);
  });
});

describe("identities bound to their source", () => {
  it("names an HS256 alice and a JWKS alice as two callers: neither sees the other's calls", async () => {
    const hs = bearer(await signJwt("alice"));
    const jwks = bearer(await signJwt("alice", { alg: "ES256" }));
    const created = await proxy.createCall({ to: usNumber(++n) }, hs);
    expect(created.status).toBe(201);
    expect(lastCaller()).toBe("jwt:hs:alice");
    const sid = String(created.json().sid);
    const read = (headers: Record<string, string>) => proxy.fetch(`/v1/calls/${sid}`, { headers });
    expect((await read(hs)).status).toBe(200);
    const stranger = await read(jwks);
    expect(stranger.status, "the JWKS alice is not the HS256 alice").toBe(404);
    expect(lastCaller()).toBe("jwt:jwks:alice");
  });
});

describe("AUTH_JWT_MAX_AGE", () => {
  let bounded: TestProxy;
  beforeAll(async () => {
    bounded = await startProxy({
      env: { AUTH_JWT_MAX_AGE: "600", LIMIT_CALLER_PER_MINUTE: "100" },
    });
  });
  afterAll(() => bounded.close());

  it("accepts a token that lives at most AUTH_JWT_MAX_AGE seconds", async () => {
    for (const alg of ["HS256", "RS256"] as const) {
      const token = await signJwt("bob", { alg, expiresIn: 600 });
      expect((await bounded.createCall({ to: usNumber(++n) }, bearer(token))).status).toBe(201);
    }
  });

  it("refuses a token whose exp - iat is longer", async () => {
    await expectUnauthorized(bounded, await signJwt("bob", { expiresIn: 601 }));
    await expectUnauthorized(bounded, await signJwt("bob", { alg: "RS256", expiresIn: 86_400 }));
  });

  it("refuses a token without iat, and one issued in the future to stretch its life", async () => {
    await expectUnauthorized(bounded, await hsToken({ sub: "bob", exp: now() + 300 }));
    const later = now() + 3_000;
    await expectUnauthorized(bounded, await hsToken({ sub: "bob", iat: later, exp: later + 300 }));
  });

  it("leaves tokens without iat alone when it is not set", async () => {
    const token = await hsToken({ sub: "carol", exp: now() + 300 });
    expect((await proxy.createCall({ to: usNumber(++n) }, bearer(token))).status).toBe(201);
  });

  it.each(["0", "-5", "ten", "1.5"])("refuses AUTH_JWT_MAX_AGE=%s as config", async (value) => {
    const broken = await startProxy({ env: { AUTH_JWT_MAX_AGE: value } });
    try {
      const response = await broken.createCall({ to: usNumber(++n) });
      expect(response.status).toBe(500);
      expect(broken.logLines().slice(-1)[0]).toMatchObject({
        reason: "config_invalid",
        setting: "AUTH_JWT_MAX_AGE",
      });
    } finally {
      await broken.close();
    }
  });
});
