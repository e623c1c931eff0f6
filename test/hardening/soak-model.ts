/** The soak's limits: the minute limit is above the day limit so that only windows of an hour or more bind. */
export const SOAK_LIMITS = {
  callerPerDay: 150,
  callerPerMinute: 10_000,
  destinationPerHour: 4,
  globalPerDay: 900,
};

/** One request of the soak, as generated. */
export type SoakRequest =
  | { kind: "bad-credentials"; headers: Record<string, string>; code: string }
  | { kind: "refused-early"; caller: string; body: string; status: number; code: string }
  | { kind: "call"; caller: string; to: string; key: string | null };

/** What the proxy must answer: a status, a problem code, or the replay of an earlier answer. */
export type Expected =
  | { status: number; code: string; replayOf?: number }
  | { status: 201; replayOf?: number };

/** Twilio's scripted behaviour per destination: refuse (4xx), fail (5xx) or place the call. */
export type TwilioFate = "place" | "refuse" | "fail";

type Stored = { fingerprint: string; request: number; expected: Expected };

/**
 * The quotas and Idempotency-Keys as the proxy should hold them, replayed request by request. Only
 * windows that cannot slide during the soak (hour, day) are modelled, so the prediction does not
 * depend on the clock.
 */
export const createSoakModel = (fate: (to: string) => TwilioFate) => {
  const perCaller = new Map<string, number>();
  const perDestination = new Map<string, number>();
  const keys = new Map<string, Stored>();
  let global = 0;
  const totals = { placed: 0, twilioRefused: 0, twilioFailed: 0 };

  const place = (caller: string, to: string): Expected => {
    if ((perCaller.get(caller) ?? 0) >= SOAK_LIMITS.callerPerDay) {
      return { status: 429, code: "caller_daily_quota" };
    }
    if (global >= SOAK_LIMITS.globalPerDay) return { status: 429, code: "global_daily_budget" };
    if ((perDestination.get(to) ?? 0) >= SOAK_LIMITS.destinationPerHour) {
      return { status: 429, code: "destination_hourly_quota" };
    }
    const outcome = fate(to);
    if (outcome === "refuse") {
      totals.twilioRefused++;
      return { status: 422, code: "upstream_refused" };
    }
    // Placed, or an unknown outcome (a call may exist): every quota stays spent.
    perCaller.set(caller, (perCaller.get(caller) ?? 0) + 1);
    perDestination.set(to, (perDestination.get(to) ?? 0) + 1);
    global++;
    if (outcome === "fail") {
      totals.twilioFailed++;
      return { status: 502, code: "upstream_error" };
    }
    totals.placed++;
    return { status: 201 };
  };

  return {
    totals,
    /** What request number `index` must get, given every request before it. */
    expect(request: SoakRequest, index: number): Expected {
      if (request.kind === "bad-credentials") return { status: 401, code: request.code };
      if (request.kind === "refused-early") return { status: request.status, code: request.code };
      const { caller, to, key } = request;
      if (key === null) return place(caller, to);
      const id = `${caller}\n${key}`;
      const stored = keys.get(id);
      if (stored) {
        if (stored.fingerprint !== to) return { status: 422, code: "idempotency_key_reused" };
        return { ...stored.expected, replayOf: stored.request };
      }
      const expected = place(caller, to);
      // Only answers that spent the quota are kept; a refusal frees the key for a retry.
      if (expected.status === 201 || expected.status === 502) {
        keys.set(id, { fingerprint: to, request: index, expected });
      }
      return expected;
    },
    /** Keys a request touches inside the Durable Objects: two requests sharing one must not overlap. */
    touches(request: SoakRequest): string[] {
      if (request.kind !== "call") return [];
      return [`caller:${request.caller}`, `to:${request.to}`];
    },
    /** Budget units still free: requests racing for the last units must not overlap. */
    globalLeft: () => SOAK_LIMITS.globalPerDay - global,
  };
};
