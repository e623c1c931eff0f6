import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({
    env: { LIMIT_CALLER_PER_MINUTE: "100", ALLOWED_COUNTRIES: "US,GB" },
  });
});
afterAll(() => proxy.close());

/** The log line of the latest request, without the fields that never hold request data. */
const lastLine = () => {
  const { time, durationMs, status, reason, caller, sid, ...fields } =
    proxy.logLines().slice(-1)[0] ?? {};
  return fields;
};

/** Every run of 3 or more digits in `text`. */
const digitRuns = (text: string) => text.match(/\d{3,}/g) ?? [];

describe("masked numbers in the log", () => {
  it.each([
    ["+14155552671", 201, "+1 ••• 71"],
    ["+447400123456", 201, "+44 ••• 56"],
    ["+4915112345678", 403, "+49 ••• 78"],
    ["+8613812345678", 403, "+86 ••• 78"],
    ["+3531234567890", 422, "+353 ••• 90"],
    ["+112125557001", 422, "+1 ••• 01"],
    ["+1 415 555 2671", 422, "+1 ••• 71"],
    ["+1-415-555-2671", 422, "+1 ••• 71"],
    ["4155552671", 422, "••• 71"],
    ["+999123456789", 422, "••• 89"],
    [`+1${"2".repeat(300)}`, 422, "+1 ••• 22"],
    ["+12", 422, "•••"],
    ["not a number", 422, "•••"],
    ["", 422, "•••"],
  ])("logs to=%j (answered %i) as %j and nothing else of it", async (to, status, masked) => {
    const response = await proxy.createCall({ to });
    expect(response.status, response.text).toBe(status);
    const fields = lastLine();
    expect(fields.to).toBe(masked);
    expect(digitRuns(JSON.stringify(fields)).filter((run) => !masked.includes(run))).toEqual([]);
    expect(JSON.stringify(fields)).not.toContain(to.slice(1, 8) || "\u0000");
  });

  it.each([
    ["+15551234567", 403, "+1 ••• 67"],
    ["+114155550100", 422, "+1 ••• 00"],
    ["+44 20 7946 0123", 403, "+44 ••• 23"],
    ["secret-looking text 1234567", 403, "••• 67"],
  ])("logs from=%j (answered %i) as %j and nothing else of it", async (from, status, masked) => {
    const response = await proxy.createCall({ to: "+14155552671", from });
    expect(response.status).toBe(status);
    const fields = lastLine();
    expect(fields.from).toBe(masked);
    expect(fields.to).toBe("+1 ••• 71");
    const runs = digitRuns(JSON.stringify(fields));
    expect(runs.filter((run) => !masked.includes(run) && run !== "71")).toEqual([]);
    expect(JSON.stringify(fields)).not.toContain("looking");
  });

  it("logs nothing of a to or from that is not even a string", async () => {
    const response = await proxy.createCall({ to: 14155552671, from: 15551234567 });
    expect(response.status).toBe(400);
    expect(digitRuns(JSON.stringify(lastLine()))).toEqual([]);
  });
});
