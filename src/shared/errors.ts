/**
 * Base class of every error this package throws, so one `instanceof TwilioError` catches them all.
 */
export class TwilioError extends Error {
  override name = "TwilioError";
}

/**
 * What a {@link TwilioApiError} is made of: the HTTP status, the fields of Twilio's error body (its
 * classic shape or an RFC 9457 problem), and the request it answered. Each field is described on
 * the class.
 */
export type TwilioApiErrorInit = {
  status: number;
  code?: number | undefined;
  message: string;
  moreInfo?: string | undefined;
  details?: Record<string, unknown> | undefined;
  method: string;
  path: string;
  requestId?: string | undefined;
};

/**
 * Twilio answered with an HTTP error status. `message` is Twilio's own text (as in the official library),
 * `method` and `path` say which request it answered, `requestId` is what Twilio's support asks for.
 * @example
 * String(error) // "TwilioApiError: The 'To' number is not a valid phone number. (request RQ1234…)"
 */
export class TwilioApiError extends TwilioError {
  override name = "TwilioApiError";
  /** The HTTP status of Twilio's answer. */
  declare readonly status: number;
  /** Twilio's error code (for example 21211, "invalid To number"), when the body carries one. */
  declare readonly code: number | undefined;
  /** Link to Twilio's page about `code`. */
  declare readonly moreInfo: string | undefined;
  /** Extra data Twilio attached to the error, if any. */
  declare readonly details: Record<string, unknown> | undefined;
  /** The HTTP method of the failed request. */
  declare readonly method: string;
  /** The path of the failed request (no host, no credentials). */
  declare readonly path: string;
  /** Twilio's id of the request (its `Twilio-Request-Id` header), when the answer carried one. */
  declare readonly requestId: string | undefined;

  constructor(init: TwilioApiErrorInit) {
    super(init.message);
    Object.assign(this, init);
  }

  /** The name and message, then the request id when there is one. */
  override toString(): string {
    return super.toString() + (this.requestId ? ` (request ${this.requestId})` : "");
  }
}

/** A config value or call parameter broke a documented rule; thrown before any request is sent. */
export class TwilioValidationError extends TwilioError {
  override name = "TwilioValidationError";
  /** The config option or parameter at fault, for example `"timeout"`. */
  declare readonly param: string;

  constructor(param: string, rule: string) {
    super(`${param}: ${rule}`);
    this.param = param;
  }
}

/** An attempt outlived its `timeout`. Twilio may or may not have created the call. */
export class TwilioTimeoutError extends TwilioError {
  override name = "TwilioTimeoutError";
}

/**
 * `fetch` itself failed (DNS, refused or reset connection, CORS); the message names the host and, where
 * the runtime tells, the cause (`ECONNREFUSED 127.0.0.1:4010`). Twilio may or may not have created or
 * changed the call, so only reads and deletes are retried after one.
 */
export class TwilioNetworkError extends TwilioError {
  override name = "TwilioNetworkError";
}
