import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, OTHER_API_KEY, usNumber } from "../worker/fixtures.js";
import {
  type ProxyResponse,
  scanForSecrets,
  startProxy,
  type TestProxy,
} from "../worker/harness.js";
import { callJson, twilioError } from "../worker/twilio-recorder.js";
import { prng, SEED } from "./seeded.js";
import { batch, fateOf, generate, TOTAL } from "./soak-mix.js";
import { createSoakModel, SOAK_LIMITS, type SoakRequest } from "./soak-model.js";

scanForSecrets();

let proxy: TestProxy;
/** Every sid the stand-in handed out in a 201, and the number it was for. */
const issued = new Map<string, string>();

beforeAll(async () => {
  proxy = await startProxy({
    env: {
      LIMIT_CALLER_PER_MINUTE: String(SOAK_LIMITS.callerPerMinute),
      LIMIT_CALLER_PER_DAY: String(SOAK_LIMITS.callerPerDay),
      LIMIT_DESTINATION_PER_HOUR: String(SOAK_LIMITS.destinationPerHour),
      LIMIT_GLOBAL_PER_DAY: String(SOAK_LIMITS.globalPerDay),
    },
  });
  proxy.twilio.respond((request) => {
    const to = request.form.get("To") ?? "";
    const fate = fateOf(to);
    if (fate === "refuse") return twilioError(400, 21215, "Geo permissions forbid this number");
    if (fate === "fail") return twilioError(500, 20500, "Internal Server Error");
    const call = callJson(request.form);
    issued.set(call.sid, to);
    return Response.json(call, { status: 201 });
  });
});
afterAll(() => proxy.close());

const send = (request: SoakRequest): Promise<ProxyResponse> => {
  if (request.kind === "bad-credentials")
    return proxy.createCall({ to: usNumber(1) }, request.headers);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Authorization: request.caller,
  };
  if (request.kind === "refused-early")
    return proxy.fetch("/v1/calls", { method: "POST", headers, body: request.body });
  if (request.key !== null) headers["Idempotency-Key"] = request.key;
  return proxy.fetch("/v1/calls", {
    method: "POST",
    headers,
    body: JSON.stringify({ to: request.to }),
  });
};

describe(`soak: ${TOTAL} mixed requests through workerd (seed ${SEED})`, () => {
  it("answers each as the model says, and places exactly the calls the stand-in saw", async () => {
    const startedAt = Date.now();
    const model = createSoakModel(fateOf);
    const requests = await generate(prng(SEED));
    const batches = batch(requests, model);
    const texts: string[] = [];
    const placedSids = new Map<string, { caller: string; to: string }>();
    const codes = new Map<string, number>();
    let replays = 0;
    let refused = 0;
    for (const group of batches) {
      const responses = await Promise.all(group.map(({ request }) => send(request)));
      group.forEach(({ index, request, expected }, at) => {
        const response = responses[at] as ProxyResponse;
        texts[index] = response.text;
        if (response.status !== 201) refused++;
        const where = `request ${index} (seed ${SEED}): ${JSON.stringify(request)}`;
        expect(response.status, where).toBe(expected.status);
        if (expected.replayOf !== undefined) {
          replays++;
          expect(response.text, where).toBe(texts[expected.replayOf]);
          expect(response.headers.get("idempotency-replayed"), where).toBe("true");
          return;
        }
        if ("code" in expected) {
          const { code } = response.json();
          expect(code, where).toBe(expected.code);
          codes.set(expected.code, (codes.get(expected.code) ?? 0) + 1);
          if (response.status === 429) {
            expect(Number(response.headers.get("retry-after")), where).toBeGreaterThanOrEqual(1);
          }
          return;
        }
        const { sid, to } = response.json() as { sid: string; to: string };
        expect(placedSids.has(sid), `${where}: a fresh call with an old sid`).toBe(false);
        expect(issued.get(sid), where).toBe(to);
        if (request.kind === "call")
          placedSids.set(sid, { caller: request.caller, to: request.to });
      });
    }

    // The Durable Objects' accounts and the stand-in's agree.
    const creates = proxy.twilio.creates().length;
    const { placed, twilioRefused, twilioFailed } = model.totals;
    console.log(
      JSON.stringify({
        soak: { seed: SEED, requests: TOTAL, batches: batches.length, refused, placed, replays },
        twilio: { creates, refused: twilioRefused, failed: twilioFailed, issuedSids: issued.size },
        codes: Object.fromEntries([...codes].sort()),
        ms: Date.now() - startedAt,
      }),
    );
    expect(placedSids.size).toBe(placed);
    expect(new Set(placedSids.keys())).toEqual(new Set(issued.keys()));
    expect(creates).toBe(placed + twilioRefused + twilioFailed);
    expect(proxy.logLines()).toHaveLength(TOTAL);
    expect(proxy.unexpected).toEqual([]);
    // Each kind of refusal happened (the mix exercises every rule), and every budget is spent.
    for (const code of [
      "caller_daily_quota",
      "destination_hourly_quota",
      "global_daily_budget",
      "idempotency_key_reused",
      "upstream_refused",
      "upstream_error",
      "credentials_invalid",
      "destination_country_not_allowed",
    ]) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    expect(model.globalLeft()).toBe(0);

    // A sample of the calls reads back for its owner and for nobody else.
    const sample = [...placedSids].filter((_, n) => n % 25 === 0);
    for (const [sid, { caller }] of sample) {
      const own = await proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: caller } });
      expect(own.status).toBe(200);
      expect(own.json().sid).toBe(sid);
      const other = caller === `Bearer ${API_KEY}` ? OTHER_API_KEY : API_KEY;
      const foreign = await proxy.fetch(`/v1/calls/${sid}`, {
        headers: { Authorization: `Bearer ${other}` },
      });
      expect(foreign.status).toBe(404);
    }
  }, 90_000);
});
