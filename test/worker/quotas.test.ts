import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, asCaller, OTHER_API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { created, twilioError } from "./twilio-recorder.js";

scanForSecrets();

let proxy: TestProxy;
afterEach(() => proxy.close());

describe("quotas", () => {
  it("gives a caller allowed 5 a minute exactly 5 calls out of 40 concurrent requests", async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "5", LIMIT_DESTINATION_PER_HOUR: "100" },
    });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => proxy.createCall({ to: usNumber(i) })),
    );
    const created = responses.filter((response) => response.status === 201);
    const limited = responses.filter((response) => response.status === 429);
    expect(created).toHaveLength(5);
    expect(limited).toHaveLength(35);
    expect(proxy.twilio.creates()).toHaveLength(5);
    for (const response of limited) {
      expect(response.json().code).toBe("caller_minute_quota");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }
    const other = await proxy.createCall({ to: usNumber(99) }, asCaller(OTHER_API_KEY));
    expect(other.status, "another caller has its own quota").toBe(201);
  });

  it("counts calls placed, not refused requests", async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "2", LIMIT_DESTINATION_PER_HOUR: "100" },
    });
    for (let i = 0; i < 5; i++) {
      expect((await proxy.createCall({ to: "+19005551234" })).status).toBe(403);
      expect((await proxy.createCall({ to: usNumber(i), url: "https://x" })).status).toBe(400);
    }
    expect((await proxy.createCall({ to: usNumber(1) })).status).toBe(201);
    expect((await proxy.createCall({ to: usNumber(2) })).status).toBe(201);
    expect((await proxy.createCall({ to: usNumber(3) })).status).toBe(429);
  });

  it("holds the per-day caller quota", async () => {
    proxy = await startProxy({
      env: {
        LIMIT_CALLER_PER_MINUTE: "100",
        LIMIT_CALLER_PER_DAY: "3",
        LIMIT_DESTINATION_PER_HOUR: "100",
      },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await proxy.createCall({ to: usNumber(i) })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const last = await proxy.createCall({ to: usNumber(9) });
    expect(last.json().code).toBe("caller_daily_quota");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(3600);
  });

  it("holds the per-destination hourly quota across callers, also under concurrency", async () => {
    proxy = await startProxy({
      env: { LIMIT_DESTINATION_PER_HOUR: "3", LIMIT_CALLER_PER_MINUTE: "100" },
    });
    const to = usNumber(7);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        proxy.createCall({ to }, asCaller(i % 2 ? API_KEY : OTHER_API_KEY)),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(3);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited).toHaveLength(17);
    expect(limited[0]?.json().code).toBe("destination_hourly_quota");
    expect(
      (await proxy.createCall({ to: usNumber(8) })).status,
      "other numbers are still fine",
    ).toBe(201);
  });

  it("holds the global daily budget across callers, also under concurrency", async () => {
    proxy = await startProxy({
      env: {
        LIMIT_GLOBAL_PER_DAY: "4",
        LIMIT_CALLER_PER_MINUTE: "100",
        LIMIT_DESTINATION_PER_HOUR: "100",
      },
    });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        proxy.createCall({ to: usNumber(i) }, asCaller(i % 2 ? API_KEY : OTHER_API_KEY)),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(4);
    expect(proxy.twilio.creates()).toHaveLength(4);
    const limited = responses.find((response) => response.status === 429);
    expect(limited?.json().code).toBe("global_daily_budget");
  });

  it("gives the quotas back when Twilio refuses the call", async () => {
    proxy = await startProxy({
      env: {
        LIMIT_CALLER_PER_MINUTE: "2",
        LIMIT_DESTINATION_PER_HOUR: "2",
        LIMIT_GLOBAL_PER_DAY: "2",
      },
    });
    proxy.twilio.respond(() =>
      twilioError(400, 21215, "Account not authorized to call +14155552007"),
    );
    for (let i = 0; i < 4; i++)
      expect((await proxy.createCall({ to: usNumber(7) })).status).toBe(422);
    proxy.twilio.respond(created);
    expect((await proxy.createCall({ to: usNumber(7) })).status).toBe(201);
    expect((await proxy.createCall({ to: usNumber(8) })).status).toBe(201);
  });

  it("keeps the quotas spent when the outcome is unknown (a call may exist)", async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "2", LIMIT_DESTINATION_PER_HOUR: "100" },
    });
    proxy.twilio.respond(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect((await proxy.createCall({ to: usNumber(1) })).status).toBe(502);
    expect((await proxy.createCall({ to: usNumber(2) })).status).toBe(502);
    expect((await proxy.createCall({ to: usNumber(3) })).status).toBe(429);
    expect(proxy.twilio.creates()).toHaveLength(2);
  });
});
