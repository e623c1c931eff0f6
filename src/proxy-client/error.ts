import { TwilioError } from "../shared/errors.js";

/** An RFC 9457 problem, as the proxy sends it. */
export type ProxyProblem = {
  /** HTTP status; `0` when the proxy could not be reached at all. */
  status: number;
  /** A URI naming the kind of problem. @default "about:blank" */
  type: string;
  /** A short summary of the kind of problem. */
  title: string;
  /** What went wrong with this request. */
  detail: string;
  /** The proxy's reason code, when it gives one. */
  code?: string | number | undefined;
  /** Twilio's numeric error code, when Twilio refused the request (the problem's `twilioCode`). */
  twilioCode?: number | undefined;
  /** Milliseconds the proxy asks to wait before trying again (its `Retry-After`), when it says. */
  retryAfterMs?: number | undefined;
};

/**
 * The proxy refused a request (its `application/problem+json` answer), or could not be reached:
 * then `status` is `0` and `cause` holds the error `fetch` threw. Extends `TwilioError`.
 */
export class ProxyError extends TwilioError {
  override name = "ProxyError";
  /** The HTTP status, or `0` for a network failure (the call may or may not exist). */
  declare readonly status: number;
  /** The problem type URI. */
  declare readonly type: string;
  /** The problem's title. */
  declare readonly title: string;
  /** The problem's detail. */
  declare readonly detail: string;
  /** The proxy's reason code, if any. */
  declare readonly code: string | number | undefined;
  /** Twilio's numeric error code, if Twilio refused the request. */
  declare readonly twilioCode: number | undefined;
  /**
   * Milliseconds to wait before trying again, from the `Retry-After` of a 429 or 503 (such as a
   * spent quota), if the proxy said.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(label: string, problem: ProxyProblem, options?: ErrorOptions) {
    super(`${label}: ${problem.title}${problem.detail ? ` (${problem.detail})` : ""}`, options);
    Object.assign(this, problem);
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value ? value : undefined;

/**
 * The error for an answer with status `status` and body `body` (problem JSON, or anything else);
 * `waitMs` is what its `Retry-After` asked for.
 */
export const proxyErrorFrom = (
  label: string,
  status: number,
  body: string,
  waitMs?: number,
): ProxyError => {
  let problem: Record<string, unknown> = {};
  try {
    problem = { ...JSON.parse(body) };
  } catch {}
  const { code, twilioCode } = problem;
  return new ProxyError(label, {
    status,
    type: text(problem.type) ?? "about:blank",
    title: text(problem.title) ?? `HTTP ${status}`,
    detail: text(problem.detail) ?? "",
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    twilioCode: Number.isInteger(twilioCode) ? (twilioCode as number) : undefined,
    retryAfterMs: waitMs,
  });
};
