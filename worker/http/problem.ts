/** A refusal with its HTTP status, a stable machine `code` and a detail safe to show to anyone. */
export type Problem = {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Twilio's numeric error code, when Twilio refused the call. */
  twilioCode?: number;
  /** Extra response headers (for example `Allow` on a 405). */
  headers?: Record<string, string>;
};

/** Thrown by handlers to answer with a problem; anything else thrown is an internal error. */
export class ProblemError extends Error {
  override name = "ProblemError";
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

/** Shorthand for `new ProblemError({...})`. */
export const fail = (
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): ProblemError => new ProblemError({ status, code, title, detail, ...extra });

/** An RFC 9457 `application/problem+json` response, with `code` (and `twilioCode`) as extensions. */
export const problemResponse = (problem: Problem): Response => {
  const { status, code, title, detail, retryAfter, twilioCode } = problem;
  const body = {
    type: `urn:twilio-edge-calls:problem:${code}`,
    title,
    status,
    detail,
    code,
    ...(twilioCode === undefined ? {} : { twilioCode }),
  };
  const headers = new Headers({ "Content-Type": "application/problem+json" });
  if (retryAfter !== undefined)
    headers.set("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  for (const [name, value] of Object.entries(problem.headers ?? {})) headers.set(name, value);
  return new Response(JSON.stringify(body), { status, headers });
};
