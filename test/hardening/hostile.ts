import { afterAll, beforeAll, expect } from "vitest";
import { API_KEY } from "../worker/fixtures.js";
import { type ProxyResponse, startProxy, type TestProxy } from "../worker/harness.js";
import { expectClientProblem } from "../worker/problem.js";
import { SEED } from "./seeded.js";

/** fast-check options: the shared seed, `numRuns` runs. */
export const runs = (numRuns: number) => ({ seed: SEED, numRuns });

export const AUTH = { Authorization: `Bearer ${API_KEY}` };

/**
 * One proxy for a file of hostile-input properties (quotas out of the way), with helpers that send
 * raw requests and assert a 4xx problem without a single request to Twilio. Call it at the top of a
 * test file, after `scanForSecrets()`.
 */
export const useHostileProxy = () => {
  let proxy: TestProxy | undefined;
  beforeAll(async () => {
    proxy = await startProxy({
      env: { LIMIT_CALLER_PER_MINUTE: "10000", LIMIT_DESTINATION_PER_HOUR: "10000" },
    });
  });
  afterAll(() => proxy?.close());
  const running = (): TestProxy => {
    if (!proxy) throw new Error("the hostile proxy is not running");
    return proxy;
  };
  return {
    proxy: running,
    /** Sends a raw body to `POST /v1/calls`, authenticated unless headers say otherwise. */
    post: (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      running().fetch("/v1/calls", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...AUTH, ...headers },
        body,
      }),
    /** Sends, and asserts a 4xx problem without a single request to Twilio. */
    refusedWithoutTwilio: async (send: () => Promise<ProxyResponse>) => {
      const before = running().twilio.requests.length;
      const response = await send();
      const problem = expectClientProblem(response);
      expect(running().twilio.requests.length).toBe(before);
      return { response, problem };
    },
  };
};
