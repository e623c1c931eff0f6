/** One sliding-window limit: at most `limit` events within `ms`. */
export type Window = { limit: number; ms: number; code: string; detail: string };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** How a window stands: `count` events inside it, the oldest at `oldest` (ms), or none. */
export type WindowState = { count: number; oldest: number | null };

/**
 * Seconds until `window` has room again (at least 1), or 0 when it has room now. Since a window is
 * never overfilled, room comes back when its oldest event leaves it.
 */
export const waitSeconds = (window: Window, state: WindowState, now: number): number => {
  if (state.count < window.limit) return 0;
  const oldest = state.oldest ?? now;
  return Math.max(1, Math.ceil((oldest + window.ms - now) / 1000));
};
