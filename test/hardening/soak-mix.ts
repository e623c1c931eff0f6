import { API_KEY, OTHER_API_KEY, usNumber } from "../worker/fixtures.js";
import { signJwt } from "../worker/tokens.js";
import type { createSoakModel, Expected, SoakRequest, TwilioFate } from "./soak-model.js";

/** Requests in the soak, the size of its number pool, and the most requests sent at once. */
export const TOTAL = 3_000;
export const POOL = 400;
const MAX_BATCH = 12;

/** Twilio refuses a few numbers (Geo permissions), fails on a few others, places the rest. */
export const fateOf = (to: string): TwilioFate => {
  const n = Number(to.slice(-4)) - 2000;
  if (n % 37 === 5) return "refuse";
  if (n % 41 === 7) return "fail";
  return "place";
};

type Caller = { id: string; authorization: string };

/** Builds the seeded mix of requests: calls, replays, reused keys, and early refusals. */
export const generate = async (random: () => number): Promise<SoakRequest[]> => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const callers: Caller[] = [
    { id: "key-alpha", authorization: `Bearer ${API_KEY}` },
    { id: "key-bravo", authorization: `Bearer ${OTHER_API_KEY}` },
  ];
  for (let n = 0; n < 6; n++) {
    callers.push({ id: `jwt-${n}`, authorization: `Bearer ${await signJwt(`soak-${n}`)}` });
  }
  const badCredentials: Array<{ headers: Record<string, string>; code: string }> = [
    {
      headers: { Authorization: "Bearer pk_test_wrong_0000000000000" },
      code: "credentials_invalid",
    },
    {
      headers: { Authorization: `Bearer ${await signJwt("late", { expiresIn: -120 })}` },
      code: "credentials_invalid",
    },
    { headers: { Authorization: "Basic dXNlcjpwYXNz" }, code: "credentials_invalid" },
    { headers: {}, code: "credentials_missing" },
  ];
  const early = [
    { to: "+18765551234", status: 403, code: "destination_country_not_allowed" },
    { to: "+4915112345678", status: 403, code: "destination_country_not_allowed" },
    { to: "+19005551234", status: 403, code: "destination_type_not_allowed" },
    { to: "+448712345678", status: 403, code: "destination_type_not_allowed" },
    { to: "+15558675310", status: 422, code: "to_invalid_number" },
  ];
  const malformed = [
    {
      body: `{"to":"${usNumber(1)}","url":"https://evil.example/t"}`,
      status: 400,
      code: "unknown_field",
    },
    { body: `{"to":"${usNumber(1)}"`, status: 400, code: "malformed_json" },
    {
      body: `{"to":"${usNumber(1)}","from":"+14155550199"}`,
      status: 403,
      code: "from_not_allowed",
    },
    { body: `{"to":"${usNumber(1)}","flow":"__proto__"}`, status: 400, code: "unknown_flow" },
  ];
  const requests: SoakRequest[] = [];
  const keyed: Array<{ caller: string; to: string; key: string }> = [];
  const destination = () =>
    random() < 0.3
      ? usNumber(100 + Math.floor(random() * 8))
      : usNumber(Math.floor(random() * POOL));
  for (let i = 0; i < TOTAL; i++) {
    const roll = random();
    // One busy caller runs into its daily quota; the others share what the global budget leaves.
    const caller = random() < 0.25 ? (callers[0] as Caller) : pick(callers);
    if (roll < 0.07) {
      requests.push({ kind: "bad-credentials", ...pick(badCredentials) });
    } else if (roll < 0.15) {
      const { to, status, code } = pick(early);
      requests.push({
        kind: "refused-early",
        caller: caller.authorization,
        body: JSON.stringify({ to }),
        status,
        code,
      });
    } else if (roll < 0.19) {
      requests.push({ kind: "refused-early", caller: caller.authorization, ...pick(malformed) });
    } else if (roll < 0.34 && keyed.length > 0) {
      requests.push({ kind: "call", ...pick(keyed) });
    } else if (roll < 0.37 && keyed.length > 0) {
      const earlier = pick(keyed);
      const other = usNumber((Number(earlier.to.slice(-4)) - 2000 + 1) % POOL);
      requests.push({ kind: "call", ...earlier, to: other });
    } else {
      const key = random() < 0.5 ? `soak-${i}` : null;
      const call = { caller: caller.authorization, to: destination(), key };
      if (key !== null) keyed.push({ ...call, key });
      requests.push({ kind: "call", ...call });
    }
  }
  return requests;
};

/** Groups consecutive requests that cannot influence one another, so each group may run at once. */
export const batch = (requests: SoakRequest[], model: ReturnType<typeof createSoakModel>) => {
  const batches: Array<Array<{ index: number; request: SoakRequest; expected: Expected }>> = [];
  let current: (typeof batches)[number] = [];
  let touched = new Set<string>();
  let reaching = 0;
  let leftAtStart = model.globalLeft();
  requests.forEach((request, index) => {
    const touches = model.touches(request);
    const budgetRace = touches.length > 0 && leftAtStart > 0 && reaching + 1 > leftAtStart;
    if (current.length === MAX_BATCH || budgetRace || touches.some((t) => touched.has(t))) {
      batches.push(current);
      current = [];
      touched = new Set();
      reaching = 0;
      leftAtStart = model.globalLeft();
    }
    for (const t of touches) touched.add(t);
    if (touches.length > 0) reaching++;
    current.push({ index, request, expected: model.expect(request, index) });
  });
  if (current.length > 0) batches.push(current);
  return batches;
};
