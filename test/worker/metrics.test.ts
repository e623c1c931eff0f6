import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { created, twilioError } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "1000" } });
});
afterAll(() => proxy.close());

/** The data point the last request wrote, after checking it wrote exactly one. */
const pointOf = async (send: () => Promise<unknown>) => {
  const before = proxy.dataPoints.length;
  await send();
  expect(proxy.dataPoints.length - before).toBe(1);
  return proxy.dataPoints.at(-1);
};

describe("metrics: one Analytics Engine data point per request", () => {
  it("an accepted call: route, reason ok, outcome, method, status and duration", async () => {
    const point = await pointOf(() => proxy.createCall({ to: usNumber(1) }));
    expect(point).toEqual({
      indexes: ["/v1/calls"],
      blobs: ["/v1/calls", "ok", "accepted", "POST"],
      doubles: [201, expect.any(Number)],
    });
    expect(point?.doubles[1]).toBeGreaterThanOrEqual(0);
  });

  it("a refusal carries its reason code", async () => {
    const country = await pointOf(() => proxy.createCall({ to: "+18765551234" }));
    expect(country?.blobs).toEqual([
      "/v1/calls",
      "destination_country_not_allowed",
      "refused",
      "POST",
    ]);
    expect(country?.doubles[0]).toBe(403);
    const unauthenticated = await pointOf(() =>
      proxy.createCall({ to: usNumber(2) }, { Authorization: "Bearer not-a-key-at-all-here" }),
    );
    expect(unauthenticated?.blobs.slice(2)).toEqual(["refused", "POST"]);
    expect(unauthenticated?.doubles[0]).toBe(401);
  });

  it("a failure upstream is `failed`, with the proxy's reason code", async () => {
    proxy.twilio.respond(() => twilioError(500, 20500, "Internal Server Error"));
    const point = await pointOf(() => proxy.createCall({ to: usNumber(3) }));
    proxy.twilio.respond(created);
    expect(point?.blobs[2]).toBe("failed");
    expect(point?.doubles[0]).toBe(502);
    expect(point?.blobs[1]).toMatch(/^upstream_/);
  });

  it("names a route by its template, never by the raw path", async () => {
    const call = await proxy.createCall({ to: usNumber(4) });
    const sid = String(call.json().sid);
    const read = await pointOf(() =>
      proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: `Bearer ${API_KEY}` } }),
    );
    expect(read?.blobs).toEqual(["/v1/calls/{sid}", "ok", "accepted", "GET"]);
    const stray = await pointOf(() => proxy.fetch("/call/+14155552671", { method: "PROPFIND" }));
    expect(stray).toMatchObject({
      indexes: ["unmatched"],
      blobs: ["unmatched", "not_found", "refused", "OTHER"],
    });
    const text = JSON.stringify(proxy.dataPoints);
    expect(text).not.toContain(sid);
    expect(text).not.toMatch(/4155552671|8765551234/);
  });
});

describe("metrics with a broken config", () => {
  it("a request the proxy cannot serve is `failed` with config_invalid", async () => {
    const broken = await startProxy({ env: { CALLER_IDS: undefined } });
    try {
      await broken.createCall({ to: usNumber(5) });
      expect(broken.dataPoints).toEqual([
        {
          indexes: ["/v1/calls"],
          blobs: ["/v1/calls", "config_invalid", "failed", "POST"],
          doubles: [500, expect.any(Number)],
        },
      ]);
    } finally {
      await broken.close();
    }
  });
});
