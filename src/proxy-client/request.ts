import { backoffMs, MAX_RETRY_DELAY_MS, retryAfterMs, sleep } from "../shared/retry.js";
import { ProxyError, proxyErrorFrom } from "./error.js";

/** What every request to the proxy needs, resolved once by `createProxyClient`. */
export type ProxyTransport = {
  base: string;
  fetch: typeof fetch;
  getToken: () => string | Promise<string>;
  maxRetries: number;
};

type ProxyRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
  /** Ask for `text/event-stream` and resolve with the 2xx `Response` itself, its body unread. */
  stream?: boolean;
};

/**
 * Sends one request to the proxy and returns its JSON (or, with `stream`, its response). A network
 * failure and a 429/503 with a short `Retry-After` are retried with the very same request (same
 * `Idempotency-Key`), so the proxy can tell a retry from a new call.
 */
export const proxyRequest = async (
  transport: ProxyTransport,
  { method, path, headers, body, signal, stream }: ProxyRequest,
): Promise<unknown> => {
  const label = `${method} ${path}`;
  const fetchFn = transport.fetch;
  for (let retry = 0; ; retry++) {
    signal?.throwIfAborted();
    const authorization = `Bearer ${await transport.getToken()}`;
    let status: number;
    let ok: boolean;
    let text: string;
    let wait: number | undefined;
    try {
      const response = await fetchFn(transport.base + path, {
        method,
        headers: {
          ...headers,
          Accept: stream ? "text/event-stream" : "application/json",
          Authorization: authorization,
        },
        body,
        signal,
      } as RequestInit);
      ({ status, ok } = response);
      if (stream && ok) return response;
      text = await response.text();
      if (status === 429 || status === 503) {
        wait = retryAfterMs(response.headers.get("retry-after"), Date.now());
      }
    } catch (error) {
      signal?.throwIfAborted();
      const reason = String((error as Error)?.message ?? error);
      const failure = new ProxyError(
        label,
        { status: 0, type: "about:blank", title: "Network error", detail: reason },
        { cause: error },
      );
      if (retry >= transport.maxRetries) throw failure;
      await sleep(backoffMs(retry, Math.random), signal);
      continue;
    }
    if (ok) {
      try {
        return JSON.parse(text);
      } catch {
        throw new ProxyError(label, {
          status,
          type: "about:blank",
          title: "Not a JSON answer",
          detail: "",
        });
      }
    }
    if (wait === undefined || wait > MAX_RETRY_DELAY_MS || retry >= transport.maxRetries) {
      throw proxyErrorFrom(label, status, text, wait);
    }
    await sleep(wait, signal);
  }
};
