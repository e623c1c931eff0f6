// What the proxy answers, for test/core's scriptedFetch to play back.
import { jsonResponse } from "../core/fake-fetch.js";

/** A JSON answer of the proxy; 200 unless told otherwise. */
export const json = (body: unknown, status = 200, headers?: Record<string, string>) =>
  jsonResponse(body, status, headers);

/** An RFC 9457 problem answer of the proxy. */
export const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

export const SID = "CA0123456789abcdef0123456789abcdef";

export const created = {
  sid: SID,
  status: "queued",
  to: "+15558675310",
  from: "+15017122661",
  flow: "demo",
  createdAt: "2026-04-14T10:00:00.000Z",
};

export const details = (status: string) => ({
  ...created,
  status,
  updatedAt: "2026-04-14T10:00:05.000Z",
  duration: status === "completed" ? 42 : null,
  answeredBy: null,
  sipResponseCode: null,
});

/** One `status` event as the proxy sends it (`id`, `event`, `data`, blank line). */
export const statusEvent = (status: string, id = 1) =>
  `id: ${id}\nevent: status\ndata: ${JSON.stringify(details(status))}\n\n`;

/**
 * A `text/event-stream` answer whose body the test writes to: `push` bytes or text, `end` it,
 * `fail` it (a reset connection). Like a real fetch, aborting the request's signal errors the body.
 * `canceled` turns true once the client cancels the body (it closed the connection).
 */
export const eventStream = (request: Request) => {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = {
    canceled: false,
    push: (chunk: string | Uint8Array) =>
      controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk),
    end: () => controller.close(),
    fail: (reason: unknown) => controller.error(reason),
    response: new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          controller = c;
        },
        cancel() {
          stream.canceled = true;
        },
      }),
      { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store" } },
    ),
  };
  request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
  return stream;
};

/** A stream that sends `chunks` and ends. */
export const endedStream =
  (...chunks: (string | Uint8Array)[]) =>
  (request: Request) => {
    const stream = eventStream(request);
    for (const chunk of chunks) stream.push(chunk);
    stream.end();
    return stream.response;
  };

/** A recorded request of {@link routedFetch}. */
export type RoutedRequest = { url: string; method: string; headers: Headers; body: string };

type RoutedAnswer = Response | Error | ((request: Request) => Response | Promise<Response>);

/**
 * A fetch for `watchCall`: requests for `…/events` take the next of `events`, all others the next of
 * `calls` (each list's last answer repeats). Records every request in order.
 */
export const routedFetch = (routes: { events: RoutedAnswer[]; calls?: RoutedAnswer[] }) => {
  const requests: RoutedRequest[] = [];
  const used = { events: 0, calls: 0 };
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.clone().text(),
    });
    const route = new URL(request.url).pathname.endsWith("/events") ? "events" : "calls";
    const answers = routes[route] ?? [];
    const answer = answers[Math.min(used[route]++, answers.length - 1)];
    if (answer === undefined) throw new Error(`no answer for ${request.url}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request);
    return answer.clone();
  };
  const streams = () => requests.filter((request) => request.url.endsWith("/events"));
  const polls = () => requests.filter((request) => !request.url.endsWith("/events"));
  return { fetch, requests, streams, polls };
};
