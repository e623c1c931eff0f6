import { afterEach, describe, expect, it } from "vitest";
import { createProxyClient } from "../../src/proxy-client/index.js";
import { API_KEY, PUBLIC_URL, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy;
afterEach(() => proxy.close());

describe("the proxy client against the worker", () => {
  it("retries a dropped connection with the same Idempotency-Key, and one call is placed", async () => {
    proxy = await startProxy();
    const keys: (string | null)[] = [];
    let dropped = false;
    // The first answer is lost on its way back, after the worker has placed the call.
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      keys.push(request.headers.get("idempotency-key"));
      const response = await proxy.mf.dispatchFetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.method === "POST" ? await request.text() : undefined,
      } as never);
      const text = await response.text();
      if (!dropped) {
        dropped = true;
        throw new TypeError("fetch failed: connection reset");
      }
      return new Response(text, { status: response.status, headers: response.headers as never });
    };
    const client = createProxyClient({ baseUrl: PUBLIC_URL, token: API_KEY, fetch });

    const call = await client.createCall({ to: usNumber(40) });

    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(proxy.twilio.creates()).toHaveLength(1);
    expect((await client.getCall(call.sid)).sid).toBe(call.sid);
  });
});
