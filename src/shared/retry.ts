/** Longest single wait between two attempts, whatever `Retry-After` asks for. */
export const MAX_RETRY_DELAY_MS = 10_000;
const BASE_RETRY_DELAY_MS = 500;

/**
 * Whether to try again after `status` (undefined: `fetch` itself failed). A 429 always: Twilio did not
 * process the request. A 5xx or a failed fetch only for GET and DELETE: reading twice is harmless and
 * deleting twice removes nothing more, but a POST may have created or changed the call, and sending it
 * again can ring someone twice. A timeout is never retried: the caller's `timeout` is a promise.
 */
export const isRetryable = (method: string, status?: number): boolean =>
  status === 429 || (method !== "POST" && (status === undefined || status >= 500));

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export const retryAfterMs = (
  header: string | null | undefined,
  now: number,
): number | undefined => {
  const seconds = Number(header);
  const ms = header ? (seconds >= 0 ? seconds * 1000 : Date.parse(header) - now) : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

/** Full-jitter exponential backoff for retry number `attempt` (0 for the first retry). */
export const backoffMs = (attempt: number, random: () => number): number =>
  random() * Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** attempt);

/** How long to wait before the next attempt: `Retry-After` when given, else backoff; capped. */
export const retryDelayMs = (
  attempt: number,
  retryAfterHeader: string | null | undefined,
  now: number,
  random: () => number,
): number =>
  Math.min(MAX_RETRY_DELAY_MS, retryAfterMs(retryAfterHeader, now) ?? backoffMs(attempt, random));

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
