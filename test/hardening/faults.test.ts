import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, asCaller, OTHER_API_KEY, usNumber } from "../worker/fixtures.js";
import {
  type ProxyResponse,
  scanForSecrets,
  startProxy,
  type TestProxy,
} from "../worker/harness.js";
import { expectProblem } from "../worker/problem.js";
import { created } from "../worker/twilio-recorder.js";
import { FAULTS, type Fault } from "./upstream-faults.js";

// test/worker/upstream.test.ts maps each fault to its problem; this file adds what each fault does
// to the quotas (given back only when Twilio says no call exists) and to a client's retry with the
// same Idempotency-Key (a new Twilio request only when the first one created nothing).

scanForSecrets();

let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** Every quota at 1, so one spent unit shows in the next request's answer. */
const TIGHT = {
  LIMIT_CALLER_PER_MINUTE: "1",
  LIMIT_DESTINATION_PER_HOUR: "1",
  LIMIT_GLOBAL_PER_DAY: "1",
};

const expectOutcome = (response: ProxyResponse, fault: Fault) => {
  if (fault.status === 201) {
    expect(response.status).toBe(201);
    expect(response.json().sid).toMatch(/^CA[0-9a-f]{32}$/);
    return;
  }
  const body = expectProblem(response, fault.status);
  expect(body.code).toBe(fault.code);
  expect(response.text).not.toMatch(/Too Many|Geo permissions|Internal Server|hotel wifi/);
};

describe("Twilio faults, through the stand-in", () => {
  it.each(FAULTS)("$name: the documented status, and the quotas $budget", async (fault) => {
    proxy = await startProxy({
      env: { ...TIGHT, TWILIO_TIMEOUT_MS: String(fault.timeoutMs ?? 2_000) },
    });
    proxy.twilio.respond(fault.reply);
    const response = await proxy.createCall({ to: usNumber(1) });
    expectOutcome(response, fault);
    expect(proxy.twilio.creates()).toHaveLength(fault.attempts);

    proxy.twilio.respond(created);
    if (fault.budget === "released") {
      // The same caller, the same number, a budget of 1: only fits if all three were given back.
      expect((await proxy.createCall({ to: usNumber(1) })).status).toBe(201);
      expect(proxy.twilio.creates()).toHaveLength(fault.attempts + 1);
    } else {
      const caller = await proxy.createCall({ to: usNumber(2) });
      expect(expectProblem(caller, 429).code).toBe("caller_minute_quota");
      const global = await proxy.createCall({ to: usNumber(3) }, asCaller(OTHER_API_KEY));
      expect(expectProblem(global, 429).code).toBe("global_daily_budget");
      expect(proxy.twilio.creates()).toHaveLength(fault.attempts);
    }
  });

  it.each(FAULTS)(
    "$name: a retry with the same Idempotency-Key asks Twilio again only if nothing was created",
    async (fault) => {
      proxy = await startProxy({
        env: {
          TWILIO_TIMEOUT_MS: String(fault.timeoutMs ?? 2_000),
          LIMIT_DESTINATION_PER_HOUR: "10",
        },
      });
      proxy.twilio.respond(fault.reply);
      const first = await proxy.createCall({ to: usNumber(1) }, asCaller(API_KEY, "retry-me"));
      expectOutcome(first, fault);
      proxy.twilio.respond(created);
      const retry = await proxy.createCall({ to: usNumber(1) }, asCaller(API_KEY, "retry-me"));
      if (fault.budget === "released") {
        expect(retry.status).toBe(201);
        expect(retry.headers.get("idempotency-replayed")).toBeNull();
        expect(proxy.twilio.creates()).toHaveLength(fault.attempts + 1);
      } else {
        expect(retry.status).toBe(first.status);
        expect(retry.text).toBe(first.text);
        expect(retry.headers.get("idempotency-replayed")).toBe("true");
        expect(proxy.twilio.creates()).toHaveLength(fault.attempts);
      }
    },
  );

  it("answers every fault with a problem, never a 500, when they arrive together", async () => {
    proxy = await startProxy({
      env: {
        TWILIO_TIMEOUT_MS: "2000",
        LIMIT_CALLER_PER_MINUTE: "100",
        LIMIT_DESTINATION_PER_HOUR: "100",
      },
    });
    const chosen = FAULTS.filter((fault) => fault.attempts === 1 && fault.timeoutMs === undefined);
    // Each request's number picks its fault, so all of them are in flight at once.
    proxy.twilio.respond((request, index) => {
      const which = Number(request.form.get("To")?.slice(-2));
      return (chosen[which % chosen.length] as Fault).reply(request, index);
    });
    const running = proxy;
    const responses = await Promise.all(
      Array.from({ length: chosen.length * 3 }, (_, n) => running.createCall({ to: usNumber(n) })),
    );
    responses.forEach((response, n) => {
      expectOutcome(response, chosen[n % chosen.length] as Fault);
    });
    expect(running.twilio.creates()).toHaveLength(responses.length);
  });
});
