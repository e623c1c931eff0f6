/** What a handler learns about a request, written as one JSON line when the response is ready. */
export type LogFields = {
  reason?: string;
  caller?: string;
  to?: string;
  sid?: string;
  setting?: string;
  error?: string;
  replayed?: boolean;
};

/** `+15558675310` -> `+1555***5310`: enough to recognise a number in a log, not to dial it. */
export const maskNumber = (number: string): string =>
  number.length > 8 ? `${number.slice(0, 5)}***${number.slice(-4)}` : "***";

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
  const { to, ...rest } = fields;
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      method: request.method,
      path: new URL(request.url).pathname,
      status,
      reason: reasonOf(status, fields),
      ...rest,
      ...(to === undefined ? {} : { to: maskNumber(to) }),
      durationMs: Date.now() - startedAt,
    }),
  );
};
