import { sleep } from "../shared/retry.js";
import type { ProxyCallDetails, ProxyCallStatus, WatchCallOptions } from "./types.js";

const FINAL: ProxyCallStatus[] = ["completed", "busy", "failed", "no-answer", "canceled"];

/** Whether a call in this status has ended and will not change again. */
export const isFinalStatus = (status: ProxyCallStatus): boolean => FINAL.includes(status);

/**
 * Follows a call until it ends, calling `onStatus` on each change. It listens to the call's event
 * `stream` first; a stream that closes or goes silent after some events is opened again, and one that
 * gives no event at all (an older proxy, a runtime without readable bodies) is given up for `poll`.
 * Between two stream connections or two polls it waits `interval`, growing by half while the status
 * stays the same, and starting over after a change.
 */
export const watchCall = async (
  stream: (signal?: AbortSignal) => AsyncIterable<ProxyCallDetails>,
  poll: (signal?: AbortSignal) => Promise<ProxyCallDetails>,
  { onStatus, signal, interval = 1000, maxInterval = 10_000 }: WatchCallOptions,
): Promise<ProxyCallDetails> => {
  let last: ProxyCallStatus | undefined;
  let wait = interval;
  let streaming = true;
  for (;;) {
    let seen = 0;
    wait = Math.min(wait * 1.5, maxInterval);
    for await (const call of streaming ? stream(signal) : [await poll(signal)]) {
      seen++;
      if (call.status !== last) {
        last = call.status;
        wait = interval;
        onStatus?.(call);
      }
      if (isFinalStatus(call.status)) return call;
    }
    // A stream that gave nothing is not there (an older proxy, no readable body): poll at once.
    streaming &&= seen > 0;
    if (seen) await sleep(wait, signal);
  }
};
