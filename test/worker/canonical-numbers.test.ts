import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, CALLER_IDS } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";
import { expectProblem } from "./problem.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: { LIMIT_CALLER_PER_MINUTE: "100", LIMIT_DESTINATION_PER_HOUR: "3" },
  });
});
afterAll(() => proxy.close());

// libphonenumber reads a trunk prefix after the country code as part of the same number.
const ALIASES = [
  ["+112125557001", "+12125557001"],
  ["+4402079460123", "+442079460123"],
] as const;

describe("canonical destinations", () => {
  it.each(ALIASES)(
    "refuses %s with a 422 that shows its E.164 form %s, and never asks Twilio",
    async (alias, canonical) => {
      const before = proxy.twilio.requests.length;
      const response = await proxy.createCall({ to: alias });
      const problem = expectProblem(response, 422);
      expect(problem.code).toBe("to_not_canonical");
      expect(String(problem.detail)).toContain(canonical);
      expect(proxy.twilio.requests.length).toBe(before);
    },
  );

  it("gives one number one destination quota, whatever its spelling", async () => {
    const [alias, canonical] = ALIASES[0];
    const before = proxy.twilio.creates().length;
    for (let n = 0; n < 3; n++)
      expect((await proxy.createCall({ to: canonical })).status).toBe(201);
    const aliased = await proxy.createCall({ to: alias });
    expect(aliased.status, "an alias must not open a second bucket").not.toBe(201);
    const again = await proxy.createCall({ to: canonical });
    expect(again.status).toBe(429);
    expect(again.json().code).toBe("destination_hourly_quota");
    const sent = proxy.twilio.creates().slice(before);
    expect(sent.map((request) => request.form.get("To"))).toEqual([
      canonical,
      canonical,
      canonical,
    ]);
  });

  it("refuses a from that is an alias of a caller ID, showing the caller ID", async () => {
    const [callerId] = CALLER_IDS;
    const alias = `+11${callerId?.slice(2)}`;
    const before = proxy.twilio.requests.length;
    const response = await proxy.createCall({ to: "+14155552671", from: alias });
    const problem = expectProblem(response, 422);
    expect(problem.code).toBe("from_not_canonical");
    expect(String(problem.detail)).toContain(String(callerId));
    expect(proxy.twilio.requests.length).toBe(before);
  });

  it("still places a call from a caller ID written canonically", async () => {
    const response = await proxy.createCall(
      { to: "+14155552672", from: CALLER_IDS[1] },
      { Authorization: `Bearer ${API_KEY}` },
    );
    expect(response.status).toBe(201);
    expect(proxy.twilio.creates().slice(-1)[0]?.form.get("From")).toBe(CALLER_IDS[1]);
  });
});

describe("canonical caller IDs in config", () => {
  it.each([
    ["+114155550100", "the trunk-prefixed alias of +14155550100"],
    ["+999123456789", "no country calling code"],
  ])("refuses CALLER_IDS holding %s (%s): 500 config_invalid naming CALLER_IDS", async (id) => {
    const misconfigured = await startProxy({ env: { CALLER_IDS: `+14155550100,${id}` } });
    try {
      const response = await misconfigured.createCall({ to: "+14155552671" });
      expect(response.status).toBe(500);
      expect(response.json().code).toBe("config_invalid");
      const log = misconfigured.logLines().slice(-1)[0] ?? {};
      expect(log).toMatchObject({ reason: "config_invalid", setting: "CALLER_IDS.1" });
      expect(String(log.error)).toContain("E.164");
      expect(misconfigured.twilio.requests).toEqual([]);
    } finally {
      await misconfigured.close();
    }
  });
});
