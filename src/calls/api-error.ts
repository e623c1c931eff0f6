import { TwilioApiError } from "../shared/errors.js";

type ErrorBody = {
  code?: number | string;
  message?: string;
  more_info?: string;
  details?: Record<string, unknown>;
  type?: string;
  title?: string;
  detail?: string;
};

/**
 * Reads an error answer from Twilio, whether its body is the classic `{code, message, more_info}`,
 * an RFC 9457 problem (`{type, title, detail, code}`), empty, or not JSON at all.
 */
export const apiErrorFrom = (
  status: number,
  bodyText: string,
  method: string,
  path: string,
  requestId: string | undefined,
): TwilioApiError => {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(bodyText) ?? {};
  } catch {}
  return new TwilioApiError({
    status,
    code: Number(body.code) || undefined,
    message:
      body.message || body.detail || body.title || `[HTTP ${status}] Failed to execute request`,
    moreInfo: body.more_info || body.type,
    details: body.details,
    method,
    path,
    requestId,
  });
};
