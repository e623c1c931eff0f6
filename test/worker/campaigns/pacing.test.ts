import { describe, expect, it } from "vitest";
import {
  type CreateWindow,
  nextSlot,
  throttleBackoffMs,
  WINDOW_MS,
} from "../../../worker/campaigns/pacing.js";

type Network = {
  /** How long after its slot create `n` leaves (a late timer on a busy machine). */
  lateBy: (n: number) => number;
  /** How long create `n` takes to reach Twilio. */
  toTwilio: (n: number) => number;
  /** How long Twilio's answer to create `n` takes to come back. */
  back: (n: number) => number;
};

/**
 * Sends `count` creates as fast as `nextSlot` allows over `network`; returns when each reached
 * Twilio, in the order they were sent.
 */
const simulate = (rate: number, count: number, network: Network) => {
  const creates: CreateWindow[] = [];
  const arrivals: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  let now = 0;
  while (arrivals.length < count) {
    // Answers back by now are known to the pacer; the others are still on their way.
    const known = creates.map((create) =>
      (create.answered as number) <= now ? create : { sent: create.sent },
    );
    const slot = nextSlot(previous, known, rate, now);
    const nextAnswer = Math.min(
      ...creates.map((create) => create.answered as number).filter((at) => at > now),
    );
    if (nextAnswer < slot) {
      // An answer comes first and may free a place sooner: the pacer looks again then.
      now = nextAnswer;
      continue;
    }
    const n = arrivals.length;
    const sent = slot + network.lateBy(n);
    const arrived = sent + network.toTwilio(n);
    creates.push({ sent, answered: arrived + network.back(n) });
    arrivals.push(arrived);
    previous = slot;
    now = sent;
  }
  return arrivals;
};

const busiestSecond = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
};

const achievedRate = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - 1) / (((sorted.at(-1) as number) - (sorted[0] as number)) / 1000);
};

/** A spread of values from 0 to `most`, different for neighbouring `n`. */
const scatter = (most: number) => (n: number) => ((n * 7919) % 101) * (most / 100);

const loopback: Network = { lateBy: () => 0, toTwilio: () => 1, back: () => 1 };
const stormy: Network = { lateBy: scatter(40), toTwilio: scatter(300), back: scatter(300) };

describe("the pacer's slots", () => {
  it.each([1, 5, 50, 200])(
    "never let Twilio count more than %i creates in any one second",
    (rate) => {
      expect(busiestSecond(simulate(rate, rate * 6, loopback))).toBeLessThanOrEqual(rate);
      // Late timers, and requests that overtake each other on the way: still never more than the rate.
      expect(busiestSecond(simulate(rate, rate * 6, stormy))).toBeLessThanOrEqual(rate);
    },
  );

  it("keeps the rate less one round trip per second, and catches up with late timers", () => {
    const rate = 50;
    const onTime = achievedRate(simulate(rate, 1000, loopback));
    expect(onTime / rate).toBeGreaterThan(0.99);
    const late = achievedRate(simulate(rate, 1000, { ...loopback, lateBy: scatter(6) }));
    expect(late / rate).toBeGreaterThan(0.98);
    // Against Twilio, 150 ms there and back: a second's places wait for their answers.
    const far = { lateBy: () => 0, toTwilio: () => 75, back: () => 75 };
    const farRate = achievedRate(simulate(rate, 1000, far));
    expect(farRate).toBeGreaterThan((rate * 1000) / (WINDOW_MS + 150));
    expect(farRate / rate).toBeLessThan(0.9);
  });

  it("holds a place until a window after the answer, and waits for an answer when none is free", () => {
    const inFlight = [{ sent: 0 }, { sent: 10 }];
    expect(nextSlot(10, inFlight, 2, 20)).toBe(Number.POSITIVE_INFINITY);
    const answered = [{ sent: 0, answered: 300 }, { sent: 10 }];
    expect(nextSlot(10, answered, 2, 20)).toBe(300 + WINDOW_MS);
    expect(nextSlot(-1000, answered, 3, 20)).toBe(20);
  });

  it("waits out a back-off and doubles it per 429 in a row, up to 30 s", () => {
    expect(nextSlot(0, [], 10, 1000, 5000)).toBe(5000);
    expect([1, 2, 3, 6, 10].map(throttleBackoffMs)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });
});
