import { TwilioNetworkError, TwilioTimeoutError } from "../shared/errors.js";
import { isRetryable, retryDelayMs } from "../shared/retry.js";
import { apiErrorFrom } from "./api-error.js";
import type { ResolvedConfig } from "./config.js";

/** Per-request options, accepted by every resource method. */
export type RequestOptions = {
  /** Aborts the request (and any wait before a retry); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take; overrides the client's `timeout`. */
  timeout?: number;
};

/** What the client's `onResponse` hook learns of each answer: nothing secret, no body. */
export type ResponseInfo = {
  /** The request's HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** The request's path, without host or query. */
  path: string;
  /** The HTTP status of the answer. */
  status: number;
  /** Twilio's id of the request (its `Twilio-Request-Id` header), if the answer carried one. */
  requestId: string | undefined;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds from sending the request to having read the whole answer. */
  durationMs: number;
};

// undici hides the reason behind "fetch failed" in `cause` ("connect ECONNREFUSED 127.0.0.1:4010",
// "getaddrinfo ENOTFOUND …"; an AggregateError with only a code when every address refused); other
// runtimes put it on the error itself, a browser gives none: the host is always named beside it.
const networkCause = (error: unknown): unknown => {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  return cause ? cause.message || cause.code : error;
};

/**
 * One attempt as one promise: waits `wait` ms (the backoff before a retry), sends, reads the whole
 * answer; rejects on timeout or abort at any point, even when an injected fetch ignores its signal.
 */
const attemptOnce = (
  config: ResolvedConfig,
  url: string,
  init: RequestInit,
  label: string,
  wait: number,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<[Response, string, number]> =>
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
    const send = () => {
      const started = Date.now();
      timer = setTimeout(
        () => stop(new TwilioTimeoutError(`${label} timed out after ${timeout} ms`)),
        timeout,
      );
      const fetchFn = config.fetch;
      (async () => {
        const response = await fetchFn(url, { ...init, signal: controller.signal });
        return [response, await response.text(), Date.now() - started] as [
          Response,
          string,
          number,
        ];
      })()
        .then(resolve, (error: unknown) =>
          reject(
            controller.signal.aborted
              ? controller.signal.reason
              : new TwilioNetworkError(
                  `${label} to ${new URL(url).host} failed: ${networkCause(error)}`,
                  { cause: error },
                ),
          ),
        )
        .finally(done);
    };
    let timer = wait ? setTimeout(send, wait) : 0;
    signal?.addEventListener("abort", onAbort);
    if (!wait) send();
  });

/**
 * Sends one request to Twilio and returns the parsed JSON (`true` for a DELETE). Retries a 429 for
 * every method, a 5xx or failed fetch for GET and DELETE only (see `isRetryable`). Every failure
 * becomes one of the package's errors.
 */
export const request = async (
  config: ResolvedConfig,
  method: ResponseInfo["method"],
  url: string,
  options: RequestOptions = {},
  body?: URLSearchParams,
): Promise<unknown> => {
  const path = new URL(url).pathname;
  const label = `${method} ${path}`;
  const { signal, timeout = config.timeout } = options;
  const init = { method, headers: config.headers, body: body?.toString() };
  // A DELETE whose earlier attempt may have reached Twilio finds the record gone: that is success.
  let maybeDone = false;
  let wait = 0;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let response: Response | undefined;
    let text = "";
    let durationMs = 0;
    try {
      [response, text, durationMs] = await attemptOnce(
        config,
        url,
        init,
        label,
        wait,
        timeout,
        signal,
      );
    } catch (error) {
      if (
        !(error instanceof TwilioNetworkError) ||
        !isRetryable(method) ||
        attempt > config.maxRetries
      )
        throw error;
    }
    const status = response?.status;
    if (response) {
      const requestId = response.headers.get("twilio-request-id") ?? undefined;
      try {
        config.onResponse?.({
          method,
          path,
          status: response.status,
          requestId,
          attempt,
          durationMs,
        });
      } catch {
        // A failing log hook must not turn a placed call into an error.
      }
      if (method === "DELETE" && (response.ok || (status === 404 && maybeDone))) return true;
      if (response.ok) {
        try {
          return JSON.parse(text);
        } catch {
          // A 2xx that is not JSON (a captive portal, a misrouted proxy) is no usable answer.
        }
      }
      if (response.ok || !isRetryable(method, status) || attempt > config.maxRetries) {
        throw apiErrorFrom(response.status, text, method, path, requestId);
      }
    }
    maybeDone ||= status !== 429;
    const retryAfter = response?.headers.get("retry-after") ?? null;
    wait = retryDelayMs(attempt - 1, retryAfter, Date.now(), Math.random);
  }
};
