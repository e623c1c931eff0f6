/**
 * Margin added to the one-second window: a create counted by Twilio a few milliseconds early (the
 * network is not a metronome) must still fall outside the previous window. It costs 2.5 % of the rate.
 */
export const WINDOW_GUARD_MS = 25;

/** The window the rate is kept in. */
export const WINDOW_MS = 1000 + WINDOW_GUARD_MS;

/**
 * The slot of the next create (ms), given the slot of the previous one and the start times of the
 * latest creates (ascending): evenly spaced at `WINDOW_MS / rate`, never more than `rate` starting
 * within any `WINDOW_MS`, none before `notBefore` (a back-off after Twilio's 429). A slot missed
 * (a timer that fired late) is not caught up with a burst: the requests of a burst can reach Twilio
 * closer together than they left, and the second they land in would hold more than the rate.
 */
export const nextSlot = (
  previous: number,
  started: readonly number[],
  rate: number,
  now: number,
  notBefore = 0,
): number => {
  let slot = Math.max(previous + WINDOW_MS / rate, now, notBefore);
  const windowStart = started.at(-rate);
  if (started.length >= rate && windowStart !== undefined) {
    slot = Math.max(slot, windowStart + WINDOW_MS);
  }
  return slot;
};

/** Back-off after `consecutive` 429s in a row: 1 s, doubling, at most 30 s. */
export const throttleBackoffMs = (consecutive: number): number =>
  Math.min(30_000, 1000 * 2 ** Math.max(0, consecutive - 1));
