import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, asCaller, OTHER_API_KEY, usNumber } from "../worker/fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "../worker/harness.js";
import { expectProblem } from "../worker/problem.js";
import { callJson, created, twilioError } from "../worker/twilio-recorder.js";
import { delay, SEED } from "./seeded.js";

// Already proved in test/worker and not repeated here: 30 concurrent duplicates -> one Twilio
// request and one sid (idempotency.test.ts), 40 concurrent requests of a caller allowed 5 -> 5
// calls and 35 429s with Retry-After (quotas.test.ts), and a global budget of 4 under 30 concurrent
// requests of two callers (quotas.test.ts). These tests push the same rules harder: with Twilio
// slow (so reservations are still open while others check), with Twilio refusing or failing, with
// mixed bodies under one key, and with seeded burst sizes against the global budget.

scanForSecrets();

let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** Twilio answering each create after `ms`, so that concurrent requests overlap inside the proxy. */
const slowTwilio = (ms: number) => async (request: { form: URLSearchParams }) => {
  await delay(ms);
  return Response.json(callJson(request.form), { status: 201 });
};

const burst = <T>(count: number, make: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => make(index)));

describe("concurrent duplicates of one Idempotency-Key", () => {
  it("place one call, answer one sid, and spend the quotas once", async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "2", LIMIT_GLOBAL_PER_DAY: "2" },
    });
    const running = proxy;
    running.twilio.respond(slowTwilio(100));
    const responses = await burst(30, () =>
      running.createCall({ to: usNumber(1) }, asCaller(API_KEY, "dup-quota")),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
    expect(new Set(responses.map((response) => response.json().sid)).size).toBe(1);
    const replayed = responses.filter((r) => r.headers.get("idempotency-replayed") === "true");
    expect(replayed).toHaveLength(29);
    expect(running.twilio.creates()).toHaveLength(1);
    // One unit of each quota was spent: one more call fits, the next does not.
    expect((await running.createCall({ to: usNumber(2) })).status).toBe(201);
    const over = await running.createCall({ to: usNumber(3) }, asCaller(OTHER_API_KEY));
    expect(expectProblem(over, 429).code).toBe("global_daily_budget");
  });

  it("share Twilio's refusal (one request per answer, not per duplicate), and free the key", async () => {
    proxy = await startProxy();
    const running = proxy;
    running.twilio.respond(async () => {
      await delay(100);
      return twilioError(400, 21215, "Account not authorized to call this number");
    });
    const responses = await burst(30, () =>
      running.createCall({ to: usNumber(4) }, asCaller(API_KEY, "dup-refused")),
    );
    for (const response of responses) {
      expect(expectProblem(response, 422)).toMatchObject({
        code: "upstream_refused",
        twilioCode: 21215,
      });
    }
    // A refusal frees the key (no call exists), so a duplicate arriving after the answer is a
    // legitimate retry; every other duplicate must have shared an answer, not asked Twilio.
    const fresh = responses.filter((r) => r.headers.get("idempotency-replayed") !== "true");
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    expect(running.twilio.creates()).toHaveLength(fresh.length);
    running.twilio.respond(created);
    const retry = await running.createCall({ to: usNumber(4) }, asCaller(API_KEY, "dup-refused"));
    expect(retry.status).toBe(201);
    expect(running.twilio.creates()).toHaveLength(fresh.length + 1);
  });

  it("share an unknown outcome (one request) and keep replaying it, never asking Twilio again", async () => {
    proxy = await startProxy();
    const running = proxy;
    running.twilio.respond(async () => {
      await delay(100);
      return twilioError(500, 20500, "Internal Server Error");
    });
    const responses = await burst(30, () =>
      running.createCall({ to: usNumber(5) }, asCaller(API_KEY, "dup-unknown")),
    );
    for (const response of responses)
      expect(expectProblem(response, 502).code).toBe("upstream_error");
    running.twilio.respond(created);
    const later = await burst(10, () =>
      running.createCall({ to: usNumber(5) }, asCaller(API_KEY, "dup-unknown")),
    );
    for (const response of later) {
      expect(response.status).toBe(502);
      expect(response.headers.get("idempotency-replayed")).toBe("true");
    }
    expect(running.twilio.creates()).toHaveLength(1);
  });

  it("with two bodies racing for one key: one call; the other body is refused, never placed", async () => {
    proxy = await startProxy();
    const running = proxy;
    running.twilio.respond(slowTwilio(100));
    const bodies = [{ to: usNumber(6) }, { to: usNumber(7) }];
    const responses = await burst(30, (index) =>
      running.createCall(bodies[index % 2], asCaller(API_KEY, "dup-race")),
    );
    expect(running.twilio.creates()).toHaveLength(1);
    const winner = running.twilio.creates()[0]?.form.get("To");
    responses.forEach((response, index) => {
      if (bodies[index % 2]?.to === winner) {
        expect(response.status).toBe(201);
      } else {
        expect(expectProblem(response, 422).code).toBe("idempotency_key_reused");
      }
    });
    const sids = responses.filter((r) => r.status === 201).map((r) => r.json().sid);
    expect(sids).toHaveLength(15);
    expect(new Set(sids).size).toBe(1);
  });

  it("three keys, ten duplicates each, all at once: three calls, three sids", async () => {
    proxy = await startProxy({ env: { LIMIT_DESTINATION_PER_HOUR: "10" } });
    const running = proxy;
    running.twilio.respond(slowTwilio(50));
    const responses = await burst(30, (index) =>
      running.createCall({ to: usNumber(8) }, asCaller(API_KEY, `trio-${index % 3}`)),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    for (let key = 0; key < 3; key++) {
      const own = responses.filter((_, index) => index % 3 === key).map((r) => r.json().sid);
      expect(new Set(own).size).toBe(1);
    }
    expect(new Set(responses.map((r) => r.json().sid)).size).toBe(3);
    expect(running.twilio.creates()).toHaveLength(3);
  });
});

describe("a caller allowed 5 a minute, bursting 40 distinct requests", () => {
  it("gets exactly 5 calls even while Twilio is slow (the reservations are still open)", async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "5", LIMIT_DESTINATION_PER_HOUR: "100" },
    });
    const running = proxy;
    running.twilio.respond(slowTwilio(150));
    const responses = await burst(40, (index) => running.createCall({ to: usNumber(index) }));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(5);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited).toHaveLength(35);
    for (const response of limited) {
      expect(expectProblem(response).code).toBe("caller_minute_quota");
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect(running.twilio.creates()).toHaveLength(5);
  });
});

describe(`two callers bursting together against a global budget (seed ${SEED})`, () => {
  it("never place more than the budget together, and exactly the budget when demand exceeds it", async () => {
    const scenario = fc.record({
      budget: fc.integer({ min: 1, max: 12 }),
      first: fc.integer({ min: 0, max: 20 }),
      second: fc.integer({ min: 0, max: 20 }),
      twilioMs: fc.integer({ min: 0, max: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ budget, first, second, twilioMs }) => {
        const running = await startProxy({
          env: {
            LIMIT_GLOBAL_PER_DAY: String(budget),
            LIMIT_CALLER_PER_MINUTE: "100",
            LIMIT_DESTINATION_PER_HOUR: "100",
          },
        });
        proxy = running;
        running.twilio.respond(slowTwilio(twilioMs));
        const requests = [
          ...Array.from({ length: first }, (_, i) => [API_KEY, i] as const),
          ...Array.from({ length: second }, (_, i) => [OTHER_API_KEY, 100 + i] as const),
        ];
        const responses = await Promise.all(
          requests.map(([key, n]) => running.createCall({ to: usNumber(n) }, asCaller(key))),
        );
        const placed = responses.filter((response) => response.status === 201);
        expect(placed).toHaveLength(Math.min(budget, first + second));
        expect(running.twilio.creates()).toHaveLength(placed.length);
        for (const response of responses.filter((r) => r.status !== 201)) {
          expect(expectProblem(response, 429).code).toBe("global_daily_budget");
        }
        await running.close();
        proxy = undefined;
      }),
      { seed: SEED, numRuns: 8 },
    );
  });
});
