import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProxyClient,
  type ProxyCallStatus,
  ProxyError,
} from "../../src/proxy-client/index.js";
import { type Destination, SPECIAL_DESTINATIONS } from "../emulator/index.js";
import { type StartedDemo, startDemo } from "./start-process.js";

// npm start, for real: scripts/start.js runs the emulator and `wrangler dev` with the settings it
// generates; calls go browser-style through the proxy client, statuses come back as signed callbacks.
let demo: StartedDemo;

beforeAll(async () => {
  demo = await startDemo({ EMULATOR_STEP_MS: "100" });
}, 60_000);

afterAll(async () => {
  await demo?.stop();
});

const client = () => createProxyClient({ baseUrl: demo.origin, token: demo.config.apiKey });

/** Follows a call to its end, collecting every status the client saw. */
const follow = async (sid: string) => {
  const seen: ProxyCallStatus[] = [];
  const final = await client().watchCall(sid, {
    interval: 50,
    maxInterval: 200,
    onStatus: (call) => seen.push(call.status),
  });
  return { final, seen };
};

/** The emulator's number for `outcome` (a plain one: not refused, no machine). */
const numberFor = (outcome: Destination["outcome"]): string => {
  const found = Object.entries(SPECIAL_DESTINATIONS).find(
    ([, destination]) =>
      destination.outcome === outcome && !destination.refuse && !destination.machine,
  );
  if (!found) throw new Error(`the emulator has no special destination for ${outcome}`);
  return found[0];
};

describe("npm start: the proxy against the local Twilio emulator", () => {
  it("places a call that signed status callbacks move to completed", async () => {
    const call = await client().createCall({ to: "+14155552671" });
    expect(call).toMatchObject({ to: "+14155552671", status: "queued", flow: "greeting" });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    const { final, seen } = await follow(call.sid);
    expect(final.status).toBe("completed");
    expect(final.duration).toEqual(expect.any(Number));
    expect(seen.at(-1)).toBe("completed");
    // Only the emulator's signed callbacks can change a status: an unsigned one is refused.
    const forged = await fetch(`${demo.origin}/v1/twilio/status`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ CallSid: call.sid, CallStatus: "failed" }),
    });
    expect(forged.status).toBe(403);
    expect((await client().getCall(call.sid)).status).toBe("completed");
  });

  it.each(["busy", "no-answer", "failed"] as const)(
    "ends a call to the emulator's %s number with that status",
    async (outcome) => {
      const call = await client().createCall({ to: numberFor(outcome) });
      const { final } = await follow(call.sid);
      expect(final.status).toBe(outcome);
    },
  );

  it("offers both generated flows, and the second one reports who (or what) answered", async () => {
    expect(demo.config.flows).toEqual(["greeting", "detect-machine"]);
    const call = await client().createCall({ to: "+14155552672", flow: "detect-machine" });
    expect(call.flow).toBe("detect-machine");
    const { final } = await follow(call.sid);
    expect(final).toMatchObject({ status: "completed", answeredBy: "human" });
    const [machine] = Object.entries(SPECIAL_DESTINATIONS).find(([, d]) => d.machine) ?? [];
    const voicemail = await client().createCall({ to: machine ?? "", flow: "detect-machine" });
    expect((await follow(voicemail.sid)).final.answeredBy).toMatch(/^machine/);
  });

  it("refuses a country outside ALLOWED_COUNTRIES and says which", async () => {
    const refused = await client()
      .createCall({ to: "+18765550100" })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProxyError);
    expect(refused).toMatchObject({ status: 403, code: "destination_country_not_allowed" });
    expect((refused as ProxyError).detail).toContain("(JM)");
  });

  it("serves the demo page, and no call without the demo key", async () => {
    const page = await fetch(`${demo.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<label for="to">Phone number</label>');
    const stranger = createProxyClient({ baseUrl: demo.origin, token: "not-the-demo-key-at-all" });
    await expect(stranger.createCall({ to: "+14155552673" })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("says it uses the emulator, and where", () => {
    expect(demo.config.mode).toBe("emulator");
    expect(demo.output()).toMatch(/using the local Twilio emulator/);
    expect(demo.output()).toMatch(/Twilio emulator on http:\/\/127\.0\.0\.1:\d+/);
  });
});
