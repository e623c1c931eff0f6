import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRETS, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

const isSiteverify = (host: string, path: string) =>
  host === "challenges.cloudflare.com" && path === "/turnstile/v0/siteverify";

/** Every siteverify form the proxy sent, and a scripted answer for each (by 0-based index). */
const siteverifyScript = (answer: (form: URLSearchParams, index: number) => Response | "reset") => {
  const forms: URLSearchParams[] = [];
  const outbound = (host: string, path: string, body: string) => {
    if (!isSiteverify(host, path)) return undefined;
    const form = new URLSearchParams(body);
    forms.push(form);
    return answer(form, forms.length - 1);
  };
  return { forms, outbound };
};

/**
 * Siteverify as Cloudflare answers it: the token of these tests is the query string of the answer
 * it stands for (`hostname=…&action=…`), so each test says which widget the token came from.
 */
const answerFromToken = (form: URLSearchParams) => {
  if (form.get("secret") !== SECRETS.TURNSTILE_SECRET_KEY) return Response.json({ success: false });
  const claims = new URLSearchParams(form.get("response") ?? "");
  return Response.json({
    success: true,
    challenge_ts: new Date().toISOString(),
    "error-codes": [],
    ...(claims.has("hostname") ? { hostname: claims.get("hostname") } : {}),
    ...(claims.has("action") ? { action: claims.get("action") } : {}),
  });
};

let n = 0;
const withToken = (target: TestProxy, token: string) =>
  target.createCall({ to: usNumber(++n) }, { "cf-turnstile-response": token });

describe("TURNSTILE_HOSTNAMES and TURNSTILE_ACTION", () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startProxy({
      env: {
        TURNSTILE_HOSTNAMES: "app.example.com, admin.example.com",
        TURNSTILE_ACTION: "place-call",
        LIMIT_CALLER_PER_MINUTE: "100",
      },
      outbound: siteverifyScript(answerFromToken).outbound,
    });
  });
  afterAll(() => proxy.close());

  it.each(["app.example.com", "admin.example.com"])(
    "accepts a token solved on %s for the configured action",
    async (hostname) => {
      const response = await withToken(proxy, `hostname=${hostname}&action=place-call`);
      expect(response.status).toBe(201);
    },
  );

  it.each([
    ["another hostname", "hostname=evil.example&action=place-call"],
    [
      "a hostname that only ends like an allowed one",
      "hostname=app.example.com.evil.example&action=place-call",
    ],
    ["no hostname", "action=place-call"],
    ["another action", "hostname=app.example.com&action=login"],
    ["no action", "hostname=app.example.com"],
  ])("refuses a siteverify success for %s with a 401", async (_, token) => {
    const before = proxy.twilio.requests.length;
    const response = await withToken(proxy, token);
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ status: 401, code: "credentials_invalid" });
    expect(proxy.twilio.requests.length).toBe(before);
  });

  it("accepts any hostname and action when neither is configured", async () => {
    const open = await startProxy({ outbound: siteverifyScript(answerFromToken).outbound });
    try {
      expect((await withToken(open, "hostname=elsewhere.example&action=x")).status).toBe(201);
    } finally {
      await open.close();
    }
  });

  it.each([
    ["TURNSTILE_HOSTNAMES.0", "https://app.example.com"],
    ["TURNSTILE_HOSTNAMES.1", "app.example.com,app.example.com/path"],
    ["TURNSTILE_ACTION", "has spaces"],
    ["TURNSTILE_ACTION", "a".repeat(33)],
  ])("refuses %s=%j as config", async (setting, value) => {
    const broken = await startProxy({ env: { [setting.replace(/\.\d$/, "")]: value } });
    try {
      expect((await withToken(broken, "t")).status).toBe(500);
      expect(broken.logLines().slice(-1)[0]).toMatchObject({ reason: "config_invalid", setting });
    } finally {
      await broken.close();
    }
  });
});

describe("siteverify retried once, with its idempotency_key", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it.each([
    ["a 503", () => new Response("unavailable", { status: 503 })],
    ["a dropped connection", () => "reset" as const],
  ])(
    "retries after %s with the same idempotency_key, and lets the call through",
    async (_, fault) => {
      const script = siteverifyScript((form, index) =>
        index === 0 ? fault() : answerFromToken(form),
      );
      const proxy = await startProxy({ outbound: script.outbound });
      try {
        const response = await withToken(proxy, "hostname=app.example.com");
        expect(response.status).toBe(201);
        expect(script.forms).toHaveLength(2);
        const [first, second] = script.forms.map((form) => form.get("idempotency_key"));
        expect(first).toMatch(UUID);
        expect(second).toBe(first);
        expect(script.forms[1]?.get("response")).toBe("hostname=app.example.com");
      } finally {
        await proxy.close();
      }
    },
  );

  it("gives each token its own idempotency_key", async () => {
    const script = siteverifyScript(answerFromToken);
    const proxy = await startProxy({ outbound: script.outbound });
    try {
      expect((await withToken(proxy, "hostname=a.example")).status).toBe(201);
      expect((await withToken(proxy, "hostname=b.example")).status).toBe(201);
      const keys = script.forms.map((form) => form.get("idempotency_key"));
      expect(keys).toHaveLength(2);
      expect(keys[0]).not.toBe(keys[1]);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry a definite answer: a failure is one request and a 401", async () => {
    const script = siteverifyScript(() => Response.json({ success: false }));
    const proxy = await startProxy({ outbound: script.outbound });
    try {
      expect((await withToken(proxy, "spent")).status).toBe(401);
      expect(script.forms).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("answers 503 auth_unavailable after two failed attempts, and places no call", async () => {
    const script = siteverifyScript(() => new Response("unavailable", { status: 502 }));
    const proxy = await startProxy({ outbound: script.outbound });
    try {
      const response = await withToken(proxy, "hostname=app.example.com");
      expect(response.status).toBe(503);
      expect(response.json().code).toBe("auth_unavailable");
      expect(script.forms).toHaveLength(2);
      expect(proxy.twilio.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe("a widget caller's identity", () => {
  it("is a keyed hash of its IP: stable, distinct per IP, and not the plain hash anyone could reverse", async () => {
    const proxy = await startProxy();
    try {
      const callerFrom = async (ip: string) => {
        const response = await proxy.createCall(
          { to: usNumber(++n) },
          { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX", "CF-Connecting-IP": ip },
        );
        expect(response.status).toBe(201);
        return String(proxy.logLines().slice(-1)[0]?.caller);
      };
      const first = await callerFrom("203.0.113.9");
      expect(first).toMatch(/^turnstile:[0-9a-f]{12}$/);
      expect(await callerFrom("203.0.113.9")).toBe(first);
      expect(await callerFrom("203.0.113.10")).not.toBe(first);
      // Every IPv4 address can be hashed in minutes: an unkeyed hash in the log is the address.
      const plain = createHash("sha256").update("203.0.113.9").digest("hex").slice(0, 12);
      expect(first).not.toBe(`turnstile:${plain}`);
    } finally {
      await proxy.close();
    }
  });
});
