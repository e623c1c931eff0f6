/**
 * The seed of every randomised hardening test; override with HARDENING_SEED to explore, and quote
 * the seed printed in a failing test's name to replay it.
 */
export const SEED = Number(process.env.HARDENING_SEED ?? 20261117);

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Sleeps `ms` on the real clock (the stand-in's scripted delays; workerd runs its own clock). */
export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
