import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { API_KEY, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy | undefined;
const folders: string[] = [];
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const withKey = { Authorization: `Bearer ${API_KEY}`, "Idempotency-Key": "interrupted-1" };

describe("a request interrupted by a restart of the caller's object", () => {
  it("leaves its key spent with an 'outcome unknown' answer, and never asks Twilio again", async () => {
    const persist = mkdtempSync(join(tmpdir(), "proxy-state-"));
    folders.push(persist);
    const first = await startProxy({ persist });
    first.twilio.respond(() => "hang");
    const lost = first.createCall({ to: usNumber(60) }, withKey).catch((error: unknown) => error);
    for (let waited = 0; first.twilio.creates().length === 0 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(first.twilio.creates()).toHaveLength(1);
    // The runtime goes away mid-request, as on a deploy; its storage stays.
    await first.mf.dispose();
    first.twilio.release();
    await lost;

    proxy = await startProxy({ persist });
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await proxy.createCall({ to: usNumber(60) }, withKey);
      expect(again.status).toBe(502);
      expect(again.json()).toMatchObject({ code: "call_outcome_unknown", status: 502 });
      expect(again.headers.get("idempotency-replayed")).toBe("true");
    }
    expect(proxy.twilio.creates()).toHaveLength(0);
    const otherKey = await proxy.createCall(
      { to: usNumber(61) },
      { Authorization: `Bearer ${API_KEY}`, "Idempotency-Key": "fresh" },
    );
    expect(otherKey.status).toBe(201);
  });
});
