import { describe, expect, it } from "vitest";
import type { ProxyCallDetails } from "../../src/proxy-client/index.js";
import { explainStatus } from "../../worker/demo/status-view.js";

const call = (
  status: ProxyCallDetails["status"],
  sipResponseCode: number | null,
): ProxyCallDetails => ({
  sid: `CA${"1".repeat(32)}`,
  status,
  to: "+14155552671",
  from: "+14155550100",
  flow: "greeting",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:05.000Z",
  duration: null,
  answeredBy: null,
  sipResponseCode,
});

describe("the demo page's words for a call's status", () => {
  it("says why a call failed when Twilio reported a SIP response code", () => {
    expect(explainStatus(call("failed", 404))).toBe(
      "The call could not be connected: the number does not exist.",
    );
    expect(explainStatus(call("failed", 503))).toContain("network was unavailable");
  });

  it("falls back to a general sentence when the code is missing or unknown", () => {
    for (const code of [null, 999]) {
      expect(explainStatus(call("failed", code))).toBe(
        "The call could not be connected: the number may not exist or be out of service.",
      );
    }
  });
});
