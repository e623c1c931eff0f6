/** Tracks background work so tests can await it and `close()` can stop it. */
export type Scheduler = {
  /**
   * Resolves after `ms` (0: after a microtask); resolves early, and clears its timer, when cancelled
   * or when `signal` aborts (the caller checks `signal.aborted` and stops).
   */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `task` in the background; `settled()` waits for it. */
  track(task: Promise<unknown>): void;
  /** Resolves once no tracked task is pending, including tasks started meanwhile. */
  settled(): Promise<void>;
  /** Releases every pending wait at once; callers check their own signal and stop. */
  cancelAll(): void;
};

/** A new scheduler with no pending work. */
export const createScheduler = (): Scheduler => {
  const pending = new Set<Promise<unknown>>();
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  return {
    wait: (ms, signal) => {
      if (ms <= 0 || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const release = () => {
          clearTimeout(timer);
          timers.delete(timer);
          signal?.removeEventListener("abort", release);
          resolve();
        };
        const timer = setTimeout(release, ms);
        timers.set(timer, release);
        signal?.addEventListener("abort", release);
      });
    },
    track: (task) => {
      const done = task.catch(() => undefined).finally(() => pending.delete(done));
      pending.add(done);
    },
    settled: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
    cancelAll: () => {
      for (const release of [...timers.values()]) release();
    },
  };
};
