/** One request the fake fetch received. */
export type Recorded = { url: string; method: string; headers: Headers; body: string | null };

/** Answers one request: a Response, or a thrown error (a dropped connection). */
export type Answer =
  | Response
  | Error
  | ((request: Recorded, signal?: AbortSignal) => Promise<Response>);

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

export const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

/** A fetch that records each request and answers from `answers` in order (the last one repeats). */
export const fakeFetch = (...answers: Answer[]) => {
  const requests: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const recorded: Recorded = {
      url: String(input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : null,
    };
    requests.push(recorded);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(recorded, init.signal ?? undefined);
    if (!answer) throw new Error("no answer configured");
    return answer.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
};

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
});
