import { apiErrorFrom } from "./api-error.js";
import type { ResolvedConfig } from "./config.js";
import { TwilioNetworkError, TwilioTimeoutError } from "./errors.js";
import { isRetryableStatus, retryDelayMs, sleep } from "./retry.js";

/** Per-request options, accepted by every resource method. */
export type RequestOptions = {
  /** Aborts the request (and any wait before a retry); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take; overrides the client's `timeout`. */
  timeout?: number;
};

type Answer = { status: number; ok: boolean; retryAfter: string | null; text: string };

// A browser refuses or ignores a script's User-Agent; sending it there would only add a preflight.
const canSetUserAgent = () => !("document" in globalThis);

const attempt = async (
  config: ResolvedConfig,
  url: string,
  init: RequestInit,
  label: string,
  options: RequestOptions,
): Promise<Answer> => {
  const { signal } = options;
  signal?.throwIfAborted();
  const timeout = options.timeout ?? config.timeout;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new TwilioTimeoutError(`${label} timed out after ${timeout} ms`)),
    timeout,
  );
  // Settles as soon as the attempt is aborted, even when an injected fetch ignores its signal.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), {
      once: true,
    });
  });
  const fetchFn = config.fetch;
  try {
    return await Promise.race([
      (async () => {
        const response = await fetchFn(url, { ...init, signal: controller.signal });
        const text = await response.text();
        return {
          status: response.status,
          ok: response.ok,
          retryAfter: response.headers.get("retry-after"),
          text,
        };
      })(),
      aborted,
    ]);
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TwilioNetworkError(`${label} failed: could not reach Twilio (${reason})`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
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
  const url = `${config.accountRoot}${path}`;
  const pathname = new URL(url).pathname;
  const label = `${method} ${pathname}`;
  const headers: Record<string, string> = {
    Authorization: config.authorization,
    Accept: "application/json",
  };
  if (body) headers["Content-Type"] = "application/x-www-form-urlencoded";
  if (canSetUserAgent()) headers["User-Agent"] = config.userAgent;
  const init: RequestInit = { method, headers, body: body?.toString() ?? null };
  for (let retry = 0; ; retry++) {
    const answer = await attempt(config, url, init, label, options);
    if (answer.ok) {
      try {
        return JSON.parse(answer.text);
      } catch {
        // A 2xx that is not JSON (a captive portal, a misrouted proxy) is not a usable answer.
      }
    }
    if (answer.ok || !isRetryableStatus(answer.status) || retry >= config.maxRetries) {
      throw apiErrorFrom(answer.status, answer.text, method, pathname);
    }
    await sleep(retryDelayMs(retry, answer.retryAfter, Date.now(), Math.random), options.signal);
  }
};
