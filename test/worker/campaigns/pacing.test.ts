import { describe, expect, it } from "vitest";
import { nextSlot, throttleBackoffMs, WINDOW_MS } from "../../../worker/campaigns/pacing.js";

/** Sends `count` creates as fast as `nextSlot` allows, each `lateBy` ms after its slot. */
const simulate = (rate: number, count: number, lateBy: (n: number) => number) => {
  const started: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  let now = 0;
  for (let n = 0; n < count; n++) {
    const slot = nextSlot(previous, started.slice(-rate), rate, now);
    now = Math.max(now, slot) + lateBy(n);
    previous = slot;
    started.push(now);
  }
  return started;
};

const busiestSecond = (times: number[]) => {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
};

describe("the pacer's slots", () => {
  it.each([1, 5, 50, 200])("never start more than %i creates in any one second", (rate) => {
    const onTime = simulate(rate, rate * 5, () => 0);
    expect(busiestSecond(onTime)).toBeLessThanOrEqual(rate);
    // Late sends (a busy machine) never bunch up to catch up.
    const jittery = simulate(rate, rate * 5, (n) => ((n * 7919) % 13) * 3);
    expect(busiestSecond(jittery)).toBeLessThanOrEqual(rate);
  });

  it("spaces creates evenly, at the rate less its guard", () => {
    const times = simulate(50, 500, () => 0);
    const achieved =
      (times.length - 1) / (((times.at(-1) as number) - (times[0] as number)) / 1000);
    expect(achieved).toBeCloseTo((50 * 1000) / WINDOW_MS, 5);
    expect(achieved / 50).toBeGreaterThan(0.97);
  });

  it("waits out a back-off and doubles it per 429 in a row, up to 30 s", () => {
    expect(nextSlot(0, [], 10, 1000, 5000)).toBe(5000);
    expect([1, 2, 3, 6, 10].map(throttleBackoffMs)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });
});
