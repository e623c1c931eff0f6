/** Tracks background work so tests can await it and `close()` can stop it. */
export type Scheduler = {
  /** Resolves after `ms` (0: after a microtask); resolves early when cancelled. */
  wait(ms: number): Promise<void>;
  /** Runs `task` in the background; `settled()` waits for it. */
  track(task: Promise<unknown>): void;
  /** Resolves once no tracked task is pending, including tasks started meanwhile. */
  settled(): Promise<void>;
  /** Releases every pending wait at once; callers check their own generation and stop. */
  cancelAll(): void;
};

/** A new scheduler with no pending work. */
export const createScheduler = (): Scheduler => {
  const pending = new Set<Promise<unknown>>();
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  return {
    wait: (ms) => {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.set(timer, resolve);
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
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
    },
  };
};
