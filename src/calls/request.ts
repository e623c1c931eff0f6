import { TwilioApiError, TwilioNetworkError, TwilioTimeoutError } from "../shared/errors.js";
import { isRetryable, retryDelayMs } from "../shared/retry.js";
import type { ResponseInfo } from "./response-info.js";

type ErrorBody = {
  code?: number | string;
  message?: string;
  more_info?: string;
  details?: Record<string, unknown>;
  type?: string;
  title?: string;
  detail?: string;
};

/** Per-request options, accepted by every resource method. */
export type RequestOptions = {
  /** Aborts the request (and any wait before a retry); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take; overrides the client's `timeout`. */
  timeout?: number;
};

/**
 * Sends one request to Twilio and resolves what `read` makes of the answer's JSON (`true` for a
 * DELETE). `form` gives the body; it runs first, so a parameter it refuses rejects before anything is
 * sent. A 2xx whose JSON `read` cannot use (it throws) is no usable answer.
 */
export type Send = <T>(
  method: ResponseInfo["method"],
  url: string,
  options: RequestOptions | undefined,
  // biome-ignore lint/suspicious/noExplicitAny: Twilio's JSON, which `read` checks by using it
  read: (json: any) => T,
  form?: () => URLSearchParams | undefined,
) => Promise<T>;

// undici hides the reason behind "fetch failed" in `cause` ("connect ECONNREFUSED 127.0.0.1:4010",
// "getaddrinfo ENOTFOUND …"; an AggregateError with only a code when every address refused); other
// runtimes put it on the error itself, a browser gives none: the host is always named beside it.
const networkCause = (error: unknown): unknown => {
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  return cause ? cause.message || cause.code : error;
};

/**
 * The {@link Send} of one client. Retries a 429 for every method, a 5xx or failed fetch for GET and
 * DELETE only (see `isRetryable`), after the wait `retryDelayMs` gives. Each attempt is one promise: it
 * waits out the backoff, sends, reads the whole answer, and rejects with `TwilioTimeoutError` after
 * `timeout` ms, with the signal's reason on abort (also during the wait), with `TwilioNetworkError`
 * (naming the host and the cause) when fetch fails; it settles at once even when an injected fetch
 * ignores its signal. An error answer becomes `TwilioApiError` with Twilio's own message. Every failure
 * becomes one of the package's errors.
 */
export const sender =
  (
    fetchFn: typeof fetch,
    defaultTimeout: number,
    maxRetries: number,
    onResponse: ((info: ResponseInfo) => void) | undefined,
    // Sent with every request; the same object each time.
    headers: Record<string, string>,
  ): Send =>
  async (method, url, { signal, timeout = defaultTimeout } = {}, read, form) => {
    const body = form?.()?.toString();
    const { pathname: path, host } = new URL(url);
    const label = `${method} ${path}`;
    // A DELETE whose earlier attempt may have reached Twilio finds the record gone: that is success.
    let maybeDone = false;
    let wait = 0;
    for (let attempt = 1; ; attempt++) {
      // No answer: a failed fetch that may be retried.
      const [response, text = "", durationMs = 0] = await new Promise<
        [response?: Response, text?: string, durationMs?: number]
      >((resolve, reject) => {
        signal?.throwIfAborted();
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
            const answer = await fetchFn(url, {
              method,
              headers,
              body,
              signal: controller.signal,
            });
            resolve([answer, await answer.text(), Date.now() - started]);
          } catch (error) {
            // After a timeout or an abort, the promise is already rejected: this settles nothing.
            if (isRetryable(method) && attempt <= maxRetries) resolve([]);
            else {
              reject(
                new TwilioNetworkError(`${label} to ${host} failed: ${networkCause(error)}`, {
                  cause: error,
                }),
              );
            }
          }
          done();
        };
        let timer = wait ? setTimeout(send, wait) : 0;
        signal?.addEventListener("abort", onAbort);
        if (!wait) send();
      });
      const status = response?.status;
      if (response) {
        const ok = response.ok;
        const requestId = response.headers.get("twilio-request-id") ?? undefined;
        try {
          onResponse?.({ method, path, status: status as number, requestId, attempt, durationMs });
        } catch {
          // A failing log hook must not turn a placed call into an error.
        }
        if (method === "DELETE" && (ok || (status === 404 && maybeDone))) return true as never;
        if (ok) {
          try {
            return read(JSON.parse(text));
          } catch {}
          // A 2xx that is not the expected JSON (a captive portal, a misrouted proxy) is no usable answer.
        }
        if (ok || !isRetryable(method, status) || attempt > maxRetries) {
          // Twilio's error body: classic `{code, message, more_info}`, an RFC 9457 problem
          // (`{type, title, detail, code}`), empty, or not JSON at all.
          let problem: ErrorBody = {};
          try {
            problem = JSON.parse(text) ?? {};
          } catch {}
          throw new TwilioApiError({
            method,
            path,
            status: status as number,
            requestId,
            code: Number(problem.code) || undefined,
            message:
              problem.message ||
              problem.detail ||
              problem.title ||
              `[HTTP ${status}] Failed to execute request`,
            moreInfo: problem.more_info || problem.type,
            details: problem.details,
          });
        }
      }
      maybeDone ||= status !== 429;
      wait = retryDelayMs(
        attempt - 1,
        response?.headers.get("retry-after"),
        Date.now(),
        Math.random,
      );
    }
  };
