import { sleep } from "../shared/retry.js";
import type { ProxyCallDetails, ProxyCallStatus, WatchCallOptions } from "./types.js";

const FINAL: ProxyCallStatus[] = ["completed", "busy", "failed", "no-answer", "canceled"];

/** Whether a call in this status has ended and will not change again. */
export const isFinalStatus = (status: ProxyCallStatus): boolean => FINAL.includes(status);

/**
 * Polls `getCall` until the call ends, calling `onStatus` on each change. The wait starts at
 * `interval`, grows by half while the status stays the same, and starts over after a change.
 */
export const watchCall = async (
  getCall: (signal?: AbortSignal) => Promise<ProxyCallDetails>,
  { onStatus, signal, interval = 1000, maxInterval = 10_000 }: WatchCallOptions,
): Promise<ProxyCallDetails> => {
  let last: ProxyCallStatus | undefined;
  let wait = interval;
  for (;;) {
    const call = await getCall(signal);
    if (call.status !== last) {
      last = call.status;
      wait = interval;
      onStatus?.(call);
    } else {
      wait = Math.min(wait * 1.5, maxInterval);
    }
    if (isFinalStatus(call.status)) return call;
    await sleep(wait, signal);
  }
};
