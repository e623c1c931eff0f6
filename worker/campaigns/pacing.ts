/**
 * Margin on the one-second window for clocks that round to the millisecond (the pacer's and
 * Twilio's are not the same clock).
 */
export const WINDOW_GUARD_MS = 5;

/** The window the rate is kept in. */
export const WINDOW_MS = 1000 + WINDOW_GUARD_MS;

/** The least spacing between two creates, as a share of a second: below 1 so late ones catch up. */
const SPREAD_MS = 750;

/**
 * One create request as the pacer saw it: when it left and, once Twilio's answer is back, when that
 * came. Twilio received it somewhere in between.
 */
export type CreateWindow = { sent: number; answered?: number | undefined };

/**
 * A create holds one of the `rate` places from when it leaves until a window after its answer: the
 * moment Twilio counted it lies between the two, so however the network delays each request, no
 * `rate + 1` of them can reach Twilio within one window. (Of any `rate + 1` that Twilio counted
 * within a second, the last sent would have left while the others all held their place.) The price
 * is the round trip: at most `rate` creates per window plus one answer's latency.
 */
const freedAt = (create: CreateWindow): number =>
  create.answered === undefined ? Number.POSITIVE_INFINITY : create.answered + WINDOW_MS;

/**
 * The earliest time (ms) the next create may leave, given the creates sent so far (those whose
 * place is free may be left out): when fewer than `rate` hold a place, no sooner than a fraction of
 * the even spacing after the `previous` one (so a second's creates spread out rather than burst,
 * yet a late timer is caught up with), and none before `notBefore` (a back-off after Twilio's 429).
 * Infinity while `rate` creates are still unanswered: the next answer frees a place.
 */
export const nextSlot = (
  previous: number,
  creates: readonly CreateWindow[],
  rate: number,
  now: number,
  notBefore = 0,
): number => {
  const held = creates
    .map(freedAt)
    .filter((until) => until > now)
    .sort((a, b) => a - b);
  // The place that frees first among the ones that must free for one to be left.
  const placeFree = held.length < rate ? now : (held[held.length - rate] as number);
  return Math.max(placeFree, previous + SPREAD_MS / rate, now, notBefore);
};

/** Whether a create no longer bears on any later slot (its place freed by `now`). */
export const isSpent = (create: CreateWindow, now: number): boolean => freedAt(create) <= now;

/** Back-off after `consecutive` 429s in a row: 1 s, doubling, at most 30 s. */
export const throttleBackoffMs = (consecutive: number): number =>
  Math.min(30_000, 1000 * 2 ** Math.max(0, consecutive - 1));
