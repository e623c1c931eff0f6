import { type ProxyTransport, proxyRequest } from "./request.js";
import type { ProxyCallDetails } from "./types.js";

/**
 * Reads the proxy's `text/event-stream` of a call (`GET …/events`) and yields the call of each
 * `status` event. Parses Server-Sent Events as the HTML standard does: lines end with `\r\n`, `\n`
 * or `\r`, chunks may split anywhere (also inside a character), `:` lines are comments, `data`
 * lines join with newlines. Sent with fetch, not EventSource, which cannot send `Authorization`.
 * (A lone `\r` that is the very last byte of a stream is not taken as a line end, for it may be
 * half of a split `\r\n`; an event ended that way is seen when the stream is opened again.)
 *
 * Opened like every request (a dropped connection or a short 429 is retried). Ends without an error
 * when the stream is unavailable (a refusal such as an older proxy's 404, no readable body, a
 * network failure, a malformed event) or when it closes or goes silent; the caller then falls back.
 * Rejects only with the signal's reason once `signal` aborts.
 */
export async function* callEvents(
  transport: ProxyTransport,
  path: string,
  signal?: AbortSignal,
): AsyncGenerator<ProxyCallDetails> {
  let reader: ReadableStreamDefaultReader<string> | undefined;
  // Cancelling makes a pending read end as if the stream closed; it also ends the connection.
  const close = () => {
    clearTimeout(idle);
    reader?.cancel().catch(() => {});
  };
  // The proxy sends a keep-alive comment every 15 s: 45 s of silence is a connection that died
  // without closing (a phone that changed networks), which would otherwise wait forever.
  const IDLE_MS = 45_000;
  let idle = setTimeout(close, IDLE_MS);
  try {
    const response = await proxyRequest(transport, { method: "GET", path, signal, stream: true });
    reader = ((response as Response).body as ReadableStream)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    let rest = "";
    let event = "";
    let data = "";
    for (;;) {
      clearTimeout(idle);
      idle = setTimeout(close, IDLE_MS);
      const { done, value } = await reader.read();
      if (done) return;
      // A lone `\r` at the very end may be the first half of a `\r\n` split across two chunks.
      const lines = (rest + value).split(/\r\n|\r(?!$)|\n/);
      rest = lines.pop() as string;
      for (const line of lines) {
        if (line) {
          // `field: value`, `field:value` or a bare `field`; a comment has the empty field name.
          const [, field, value] = /^([^:]*):? ?(.*)/s.exec(line) as RegExpExecArray;
          if (field === "event") event = value as string;
          if (field === "data") data += `${value}\n`;
          continue;
        }
        if (event === "status" && data) {
          const call = JSON.parse(data) as ProxyCallDetails;
          if (typeof call.status !== "string") return;
          yield call;
        }
        event = data = "";
      }
    }
  } catch {
    signal?.throwIfAborted();
  } finally {
    close();
  }
}
