import { TwilioNetworkError } from "../shared/errors.js";
import { isRetryable, retryDelayMs } from "../shared/retry.js";
import { apiErrorFrom } from "./api-error.js";
import { attemptOnce } from "./attempt.js";
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

/**
 * Sends one request to Twilio and returns the parsed JSON (`true` for a DELETE); with `listKey`, a 2xx
 * whose JSON has no array there is no usable answer. Retries a 429 for every method, a 5xx or failed
 * fetch for GET and DELETE only (see `isRetryable`). Every failure becomes one of the package's errors.
 */
export const request = async (
  config: ResolvedConfig,
  method: ResponseInfo["method"],
  url: string,
  options: RequestOptions = {},
  body?: URLSearchParams,
  listKey?: string,
): Promise<unknown> => {
  const { pathname: path, host } = new URL(url);
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
      [response, text, durationMs] = await attemptOnce(config.fetch, url, init, {
        label,
        host,
        wait,
        timeout,
        signal,
      });
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
      const { ok, headers } = response;
      const requestId = headers.get("twilio-request-id") ?? undefined;
      try {
        config.onResponse?.({
          method,
          path,
          status: status as number,
          requestId,
          attempt,
          durationMs,
        });
      } catch {
        // A failing log hook must not turn a placed call into an error.
      }
      if (method === "DELETE" && (ok || (status === 404 && maybeDone))) return true;
      if (ok) {
        try {
          const json = JSON.parse(text);
          if (!listKey || Array.isArray(json?.[listKey])) return json;
        } catch {}
        // A 2xx that is not the expected JSON (a captive portal, a misrouted proxy) is no usable answer.
      }
      if (ok || !isRetryable(method, status) || attempt > config.maxRetries) {
        throw apiErrorFrom(status as number, text, method, path, requestId);
      }
    }
    maybeDone ||= status !== 429;
    wait = retryDelayMs(
      attempt - 1,
      response?.headers.get("retry-after") ?? null,
      Date.now(),
      Math.random,
    );
  }
};
