import type { Problem } from "../http/problem.js";

/** One sliding-window limit: at most `limit` events within `ms`; `code` and `detail` say which. */
export type Window = { limit: number; ms: number; code: string; detail: string };

/** A minute, in milliseconds. */
export const MINUTE_MS = 60_000;
/** An hour, in milliseconds. */
export const HOUR_MS = 3_600_000;
/** A day, in milliseconds. */
export const DAY_MS = 86_400_000;

/** How a window stands: `count` events inside it, the oldest at `oldest` (ms), or none. */
export type WindowState = { count: number; oldest: number | null };

/** A `SELECT count(*) AS count, min(at) AS oldest …` row as a {@link WindowState}. */
export const windowState = (row: Record<string, unknown>): WindowState => ({
  count: Number(row.count),
  oldest: row.oldest === null ? null : Number(row.oldest),
});

/**
 * Seconds until `window` has room again (at least 1), or 0 when it has room now. Since a window is
 * never overfilled, room comes back when its oldest event leaves it.
 */
export const waitSeconds = (window: Window, state: WindowState, now: number): number => {
  if (state.count < window.limit) return 0;
  const oldest = state.oldest ?? now;
  return Math.max(1, Math.ceil((oldest + window.ms - now) / 1000));
};

/** The 429 problem of the first full window, with its Retry-After; undefined when all have room. */
export const firstFull = (
  checks: ReadonlyArray<readonly [Window, WindowState]>,
  now: number,
): Problem | undefined => {
  for (const [window, state] of checks) {
    const retryAfter = waitSeconds(window, state, now);
    if (retryAfter > 0) {
      const { code, detail } = window;
      return { status: 429, code, title: "Quota exceeded", detail, retryAfter };
    }
  }
  return undefined;
};
