/** Twilio error codes the emulator answers with, and the HTTP status Twilio pairs them with. */
export const ERROR_CODES = {
  /** A parameter has a value Twilio does not accept (generic; used for enumerations and ranges). */
  20001: 400,
  /** Authentication failed: missing, unknown or wrong credentials, or not for this account. */
  20003: 401,
  /** The HTTP method is not allowed on this resource. */
  20004: 405,
  /** A resource cannot be deleted before it is complete (a call that has not ended). */
  20009: 400,
  /** The requested resource was not found (unknown path or call SID). */
  20404: 404,
  /** Too many requests: the request was not processed. */
  20429: 429,
  /** No 'To' number is specified. */
  21201: 400,
  /** Invalid URL: Url, FallbackUrl or StatusCallback is not an absolute http(s) URL, or none of Url/Twiml/ApplicationSid was given. */
  21205: 400,
  /** Invalid Timeout: not an integer from 1 to 600. */
  21208: 400,
  /** Invalid Method: a *Method parameter is not GET or POST. */
  21209: 400,
  /** Invalid 'To' phone number. */
  21211: 400,
  /** Invalid 'From' phone number (caller ID). */
  21212: 400,
  /** 'From' phone number is required. */
  21213: 400,
  /** Geo permissions do not allow calling this destination. */
  21215: 400,
  /** Invalid ApplicationSid. */
  21218: 400,
  /** Invalid call state: the call cannot be updated as asked (it ended, or cancel of an answered call). */
  21220: 400,
} as const;

/** A code of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Twilio's classic error body. */
export type TwilioErrorBody = {
  code: ErrorCode;
  message: string;
  more_info: string;
  status: number;
};

/** Builds Twilio's classic error body for `code`. */
export const errorBody = (code: ErrorCode, message: string): TwilioErrorBody => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status: ERROR_CODES[code],
});
