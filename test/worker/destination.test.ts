import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({ env: { ALLOWED_COUNTRIES: "US,GB", LIMIT_CALLER_PER_MINUTE: "100" } });
});
afterAll(() => proxy.close());

const refused = async (to: string, status: number, code: string) => {
  const before = proxy.twilio.requests.length;
  const response = await proxy.createCall({ to });
  expect(response.status).toBe(status);
  expect(response.json()).toMatchObject({ status, code });
  expect(proxy.twilio.requests.length, "a refused destination never reaches Twilio").toBe(before);
};

describe("destination policy", () => {
  it.each([
    "4155552671",
    "+1 415 555 2671",
    "+1-415-555-2671",
    "0014155552671",
    "+",
    "+0123456789",
    "sip:a@b.c",
    "client:alice",
    "+14155552671\n",
  ])("refuses %j: not strict E.164", (to) => refused(to, 422, "to_not_e164"));

  it("refuses a number that does not exist in the numbering plan", () =>
    refused("+15558675310", 422, "to_invalid_number"));

  it.each([
    ["+18765551234", "Jamaica, inside +1"],
    ["+18095551234", "Dominican Republic, inside +1"],
    ["+16135550123", "Canada, inside +1"],
    ["+4915112345678", "Germany"],
  ])("refuses %s (%s) when the country is not allowed", (to) =>
    refused(to, 403, "destination_country_not_allowed"),
  );

  it.each([
    ["+19005551234", "US premium rate"],
    ["+448712345678", "GB premium rate"],
    ["+443001234567", "GB UAN"],
    ["+447012345678", "GB personal number"],
    ["+15005550006", "US personal (500) number"],
  ])("refuses %s (%s): a costly number type", (to) =>
    refused(to, 403, "destination_type_not_allowed"),
  );

  it.each([usNumber(1), "+18005551234", "+442079460000"])(
    "places a call to %s (fixed, mobile, toll-free)",
    async (to) => {
      const response = await proxy.createCall({ to });
      expect(response.status).toBe(201);
      expect(proxy.twilio.creates().slice(-1)[0]?.form.get("To")).toBe(to);
    },
  );
});
