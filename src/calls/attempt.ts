import { TwilioNetworkError, TwilioTimeoutError } from "../shared/errors.js";

/** One attempt's answer: the response, its whole text, and the milliseconds it took. */
export type Answer = [response: Response, text: string, durationMs: number];

// undici hides the reason behind "fetch failed" in `cause` ("connect ECONNREFUSED 127.0.0.1:4010",
// "getaddrinfo ENOTFOUND …"; an AggregateError with only a code when every address refused); other
// runtimes put it on the error itself, a browser gives none: the host is always named beside it.
const networkCause = (error: unknown): unknown => {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  return cause ? cause.message || cause.code : error;
};

/**
 * One attempt as one promise: waits `wait` ms (the backoff before a retry), sends, reads the whole
 * answer. Rejects with `TwilioTimeoutError` after `timeout` ms, with the signal's reason on abort
 * (also during the wait), with `TwilioNetworkError` when fetch fails; it settles at once even when an
 * injected fetch ignores its signal. `label` ("POST /…") and `host` word the errors.
 */
export const attemptOnce = (
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  {
    label,
    host,
    wait,
    timeout,
    signal,
  }: {
    label: string;
    host: string;
    wait: number;
    timeout: number;
    signal: AbortSignal | undefined;
  },
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const controller = new AbortController();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const stop = (reason: unknown) => {
      done();
      controller.abort(reason);
      reject(reason);
    };
    const onAbort = () => stop(signal?.reason);
    const send = async () => {
      const started = Date.now();
      timer = setTimeout(
        () => stop(new TwilioTimeoutError(`${label} timed out after ${timeout} ms`)),
        timeout,
      );
      try {
        const response = await fetchFn(url, { ...init, signal: controller.signal });
        resolve([response, await response.text(), Date.now() - started]);
      } catch (error) {
        reject(
          controller.signal.aborted
            ? controller.signal.reason
            : new TwilioNetworkError(`${label} to ${host} failed: ${networkCause(error)}`, {
                cause: error,
              }),
        );
      }
      done();
    };
    let timer = wait ? setTimeout(send, wait) : 0;
    signal?.addEventListener("abort", onAbort);
    if (!wait) send();
  });
