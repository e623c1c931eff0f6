/** Hands out dialing slots at most `callsPerSecond` apart, as Twilio paces an account's calls. */
export type Pacer = {
  /** The time, in epoch ms, at which a call ready at `earliest` may be dialed; 0 when unpaced. */
  slot(earliest: number): number;
};

/**
 * A pacer for `callsPerSecond` (unlimited when undefined). Slots are whole milliseconds, rounded up,
 * so no window of one second ever holds more than the rate.
 * @throws RangeError when `callsPerSecond` is not a positive finite number.
 */
export const createPacer = (callsPerSecond: number | undefined): Pacer => {
  if (callsPerSecond === undefined) return { slot: () => 0 };
  if (!(Number.isFinite(callsPerSecond) && callsPerSecond > 0)) {
    throw new RangeError(
      `callsPerSecond must be a positive number of calls per second, not ${callsPerSecond}`,
    );
  }
  const interval = 1000 / callsPerSecond;
  let last = Number.NEGATIVE_INFINITY;
  return {
    slot: (earliest) => {
      last = Math.max(earliest, Math.ceil(last + interval));
      return last;
    },
  };
};
