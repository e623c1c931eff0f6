import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ORIGIN, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { signJwt } from "./tokens.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy();
});
afterAll(() => proxy.close());

describe("logs", () => {
  it("writes exactly one JSON line per request", async () => {
    const before = proxy.logs.length;
    await proxy.createCall({ to: usNumber(1) });
    await proxy.fetch("/nowhere");
    await proxy.fetch("/v1/calls", { method: "OPTIONS", headers: { Origin: APP_ORIGIN } });
    await proxy.createCall({ to: "+19005551234" });
    const lines = proxy.logs.slice(before);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("logs time, method, path, status, reason, caller, masked destination, duration and sid", async () => {
    const response = await proxy.createCall(
      { to: "+14155552671" },
      { Authorization: `Bearer ${await signJwt("alice")}` },
    );
    const line = proxy.logLines().slice(-1)[0] ?? {};
    expect(line).toMatchObject({
      method: "POST",
      path: "/v1/calls",
      status: 201,
      reason: "ok",
      caller: "jwt:hs:alice",
      to: "+1 ••• 71",
      sid: response.json().sid,
    });
    expect(Date.parse(String(line.time))).not.toBeNaN();
    expect(typeof line.durationMs).toBe("number");
  });

  it("logs the reason code of a refusal and never the full number", async () => {
    await proxy.createCall({ to: "+18765551234" });
    const line = proxy.logLines().slice(-1)[0] ?? {};
    expect(line).toMatchObject({
      status: 403,
      reason: "destination_country_not_allowed",
      to: "+1 ••• 34",
    });
    expect(proxy.logs.join("\n")).not.toContain("8765551234");
    expect(proxy.logs.join("\n")).not.toContain("4155552671");
  });
});
