/** One create request the emulator answered. */
export type CreateRecord = {
  sid: string | null;
  to: string;
  /** When it arrived, in epoch ms (the emulator's clock). */
  at: number;
  /** The HTTP status answered: 201 when the call was created. */
  status: number;
};

/** Counts over the calls created (201 answers), for pacing and exactly-once checks. */
export type CreateCounts = {
  /** Calls created. */
  total: number;
  /** Calls created per `To` value. */
  perTo: Record<string, number>;
  /** The `To` values called more than once, with their counts: `{}` when none was. */
  duplicates: Record<string, number>;
  /** Calls created per window of `windowMs` aligned to the epoch, in time order, empty ones left out. */
  perWindow: { start: number; count: number }[];
  /** The most calls created within any `windowMs` (a sliding window: `[t, t + windowMs)` for any t). */
  maxInAnyWindow: number;
};

/** Counts the created calls of `log` per `To` and per time window. */
export const countCreates = (log: readonly CreateRecord[], windowMs = 1000): CreateCounts => {
  const created = log.filter((record) => record.status === 201);
  const perTo: Record<string, number> = {};
  for (const { to } of created) perTo[to] = (perTo[to] ?? 0) + 1;
  const duplicates = Object.fromEntries(Object.entries(perTo).filter(([, count]) => count > 1));
  const times = created.map((record) => record.at).sort((a, b) => a - b);
  const windows = new Map<number, number>();
  let maxInAnyWindow = 0;
  for (let last = 0, first = 0; last < times.length; last++) {
    const time = times[last] as number;
    const start = Math.floor(time / windowMs) * windowMs;
    windows.set(start, (windows.get(start) ?? 0) + 1);
    while (time - (times[first] as number) >= windowMs) first++;
    maxInAnyWindow = Math.max(maxInAnyWindow, last - first + 1);
  }
  const perWindow = [...windows].map(([start, count]) => ({ start, count }));
  return { total: created.length, perTo, duplicates, perWindow, maxInAnyWindow };
};
