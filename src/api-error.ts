import { TwilioApiError } from "./errors.js";

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value ? value : undefined;

/**
 * Reads an error answer from Twilio, whether its body is the classic `{code, message, more_info}`,
 * an RFC 9457 problem (`{type, title, detail, code}`), empty, or not JSON at all.
 */
export const apiErrorFrom = (
  status: number,
  bodyText: string,
  method: string,
  path: string,
): TwilioApiError => {
  let body: Record<string, unknown> = {};
  try {
    body = { ...JSON.parse(bodyText) };
  } catch {}
  const { details } = body;
  return new TwilioApiError({
    status,
    code: Number(body.code) || undefined,
    message:
      text(body.message) ??
      text(body.detail) ??
      text(body.title) ??
      `[HTTP ${status}] Failed to execute request`,
    moreInfo: text(body.more_info) ?? text(body.type),
    details:
      details && typeof details === "object" ? (details as Record<string, unknown>) : undefined,
    method,
    path,
  });
};
