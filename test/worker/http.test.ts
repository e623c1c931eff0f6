import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, APP_ORIGIN, usNumber } from "./fixtures.js";
import { type ProxyResponse, scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { expectProblem as expectRfcProblem } from "./problem.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy();
});
afterAll(() => proxy.close());

const auth = { Authorization: `Bearer ${API_KEY}` };
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  proxy.fetch("/v1/calls", {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json", ...headers },
    body,
  });

/** An RFC 9457 problem with this status and code, and no stack trace or source path in it. */
const expectProblem = (response: ProxyResponse, status: number, code: string) => {
  const body = expectRfcProblem(response, status);
  expect(body.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/\bat \w+ \(|\.ts:\d+/);
};

describe("input limits", () => {
  it("refuses a body that is not JSON with 415", async () => {
    expectProblem(
      await post(`to=${usNumber(1)}`, { "Content-Type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
    expectProblem(
      await post(JSON.stringify({ to: usNumber(1) }), { "Content-Type": "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });

  it("refuses a body over 4 KiB with 413, and accepts one of exactly 4 KiB", async () => {
    const big = JSON.stringify({ to: usNumber(1), pad: "x".repeat(5000) });
    expectProblem(await post(big), 413, "body_too_large");
    const atCap = JSON.stringify({ to: usNumber(1), pad: "" })
      .replace("}", `${" ".repeat(4096)}}`)
      .slice(0, 4096);
    expect((await post(`${atCap.slice(0, 4095)}}`)).json().code).toBe("unknown_field");
    expectProblem(await post(`${atCap} }`), 413, "body_too_large");
  });

  it("refuses malformed JSON and JSON that is not an object with 400", async () => {
    expectProblem(await post('{"to": '), 400, "malformed_json");
    expectProblem(await post(""), 400, "malformed_json");
    expectProblem(await post("[]"), 400, "body_not_object");
    expectProblem(await post("null"), 400, "body_not_object");
    expectProblem(await post('"+14155552671"'), 400, "body_not_object");
    expect(proxy.twilio.requests).toEqual([]);
  });

  it("checks credentials before it reads the body", async () => {
    const response = await proxy.fetch("/v1/calls", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "x",
    });
    expectProblem(response, 401, "credentials_missing");
  });
});

describe("routing", () => {
  it("answers 404 problem JSON for unknown paths", async () => {
    for (const path of ["/", "/v1", "/v1/calls/", "/v2/calls", "/v1/calls/CA123/extra"]) {
      expectProblem(await proxy.fetch(path), 404, "not_found");
    }
  });

  it("answers 405 with Allow for a wrong method", async () => {
    const get = await proxy.fetch("/v1/calls", { headers: auth });
    expectProblem(get, 405, "method_not_allowed");
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    const del = await proxy.fetch(`/v1/calls/CA${"0".repeat(32)}`, {
      method: "DELETE",
      headers: auth,
    });
    expectProblem(del, 405, "method_not_allowed");
    expect(del.headers.get("allow")).toBe("GET, OPTIONS");
    const status = await proxy.fetch("/v1/twilio/status");
    expect(status.headers.get("allow")).toBe("POST");
  });

  it("answers 404 for a malformed or unknown call SID", async () => {
    expectProblem(await proxy.fetch("/v1/calls/CA123", { headers: auth }), 404, "call_not_found");
    expectProblem(
      await proxy.fetch(`/v1/calls/CA${"0".repeat(32)}`, { headers: auth }),
      404,
      "call_not_found",
    );
  });
});

describe("CORS", () => {
  const preflight = (origin: string, path = "/v1/calls") =>
    proxy.fetch(path, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });

  it("answers a preflight from a configured origin, echoing it, never *", async () => {
    const response = await preflight(APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("vary")).toContain("Origin");
    expect(response.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "Authorization, Content-Type, Idempotency-Key, cf-turnstile-response",
    );
    const status = await preflight("https://admin.example.com", `/v1/calls/CA${"0".repeat(32)}`);
    expect(status.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
    expect(status.headers.get("access-control-allow-methods")).toBe("GET, OPTIONS");
  });

  it("refuses other origins, including look-alikes, without CORS headers", async () => {
    for (const origin of [
      "https://evil.example",
      "https://app.example.com.evil.example",
      "http://app.example.com",
      "null",
      "*",
    ]) {
      const response = await preflight(origin);
      expectProblem(response, 403, "origin_not_allowed");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      const call = await post(JSON.stringify({ to: usNumber(2) }), { Origin: origin });
      expectProblem(call, 403, "origin_not_allowed");
    }
    expect(proxy.twilio.requests).toEqual([]);
  });

  it("lets a page the proxy serves itself (its own origin) call it without CORS headers", async () => {
    const response = await post(JSON.stringify({ to: usNumber(3) }), {
      Origin: "https://proxy.test",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("adds Vary: Origin even to answers without an Origin, and no CORS headers", async () => {
    const response = await proxy.fetch("/v1/calls", { method: "POST", headers: auth });
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("puts CORS headers on problem answers too, so the browser can read them", async () => {
    const response = await post("[]", { Origin: APP_ORIGIN });
    expectProblem(response, 400, "body_not_object");
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});
