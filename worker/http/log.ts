import { callingCodeOf } from "../policy/phone-number.js";

/** What a handler learns about a request, written as one JSON line when the response is ready. */
export type LogFields = {
  reason?: string;
  caller?: string;
  /** The destination as sent (any string): only its masked form is written. */
  to?: string;
  /** The caller ID as sent (any string): only its masked form is written. */
  from?: string;
  sid?: string;
  setting?: string;
  error?: string;
  replayed?: boolean;
};

/** Fewer digits than this and even the last two would say too much. */
const MIN_DIGITS_FOR_TAIL = 6;

/**
 * `+15558675310` -> `+1 ••• 10`: the country calling code and at most the last 2 digits, whatever
 * the length, for any string (valid or not: nothing else of it is written). No `+`, no calling code.
 */
export const maskNumber = (text: string): string => {
  const digits = text.replace(/\D/g, "");
  const code = /^\+\d/.test(text) ? callingCodeOf(digits.slice(0, 15)) : undefined;
  const tail = digits.length >= MIN_DIGITS_FOR_TAIL ? ` ${digits.slice(-2)}` : "";
  return `${code === undefined ? "" : `+${code} `}•••${tail}`;
};

/** The request's reason code: what a handler set, or `ok` / `error` by status. */
export const reasonOf = (status: number, fields: LogFields): string =>
  fields.reason ?? (status < 400 ? "ok" : "error");

/** Writes the request's single structured log line (`wrangler tail` and Workers Logs read it). */
export const logRequest = (
  request: Request,
  status: number,
  startedAt: number,
  fields: LogFields,
): void => {
  const { to, from, ...rest } = fields;
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      method: request.method,
      path: new URL(request.url).pathname,
      status,
      reason: reasonOf(status, fields),
      ...rest,
      ...(to === undefined ? {} : { to: maskNumber(to) }),
      ...(from === undefined ? {} : { from: maskNumber(from) }),
      durationMs: Date.now() - startedAt,
    }),
  );
};
