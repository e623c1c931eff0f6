import { TwilioNetworkError, TwilioTimeoutError } from "../shared/errors.js";
import { isRetryableStatus, retryDelayMs } from "../shared/retry.js";
import { apiErrorFrom } from "./api-error.js";
import type { ResolvedConfig } from "./config.js";

/** Per-request options, accepted by every resource method. */
export type RequestOptions = {
  /** Aborts the request (and any wait before a retry); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take; overrides the client's `timeout`. */
  timeout?: number;
};

/**
 * Sends one request to Twilio under the account root, retrying 429 only, and returns the parsed JSON.
 * Every failure becomes one of the package's errors.
 */
export const requestJson = async (
  config: ResolvedConfig,
  method: "GET" | "POST",
  path: string,
  options: RequestOptions = {},
  body?: URLSearchParams,
): Promise<unknown> => {
  const url = config.accountRoot + path;
  const pathname = new URL(url).pathname;
  const label = `${method} ${pathname}`;
  const { signal, timeout = config.timeout } = options;
  const fetchFn = config.fetch;
  let wait = 0;
  for (let retry = 0; ; retry++) {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let response: Response;
    let text: string;
    try {
      [response, text] = await Promise.race([
        (wait ? new Promise((resolve) => (timer = setTimeout(resolve, wait))) : Promise.resolve())
          .then(() => {
            timer = setTimeout(
              () =>
                controller.abort(new TwilioTimeoutError(`${label} timed out after ${timeout} ms`)),
              timeout,
            );
            return fetchFn(url, {
              method,
              headers: config.headers,
              body: body?.toString(),
              signal: controller.signal,
            });
          })
          .then(async (answer) => [answer, await answer.text()] as const),
        // Settles as soon as the attempt (or the wait before it) is aborted, even when an injected
        // fetch ignores its signal.
        new Promise<never>((_, reject) => {
          controller.signal.onabort = () => reject(controller.signal.reason);
        }),
      ]);
    } catch (error) {
      throw controller.signal.aborted
        ? controller.signal.reason
        : new TwilioNetworkError(`${label} failed: ${error}`, {
            cause: error,
          });
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    if (response.ok) {
      try {
        return JSON.parse(text);
      } catch {
        // A 2xx that is not JSON (a captive portal, a misrouted proxy) is no usable answer.
      }
    }
    if (response.ok || !isRetryableStatus(response.status) || retry >= config.maxRetries) {
      throw apiErrorFrom(response.status, text, method, pathname);
    }
    wait = retryDelayMs(retry, response.headers.get("retry-after"), Date.now(), Math.random);
  }
};
