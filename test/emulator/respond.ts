import { type ErrorCode, errorBody } from "./error-codes.js";

let requestCounter = 0;

/** A request id shaped like Twilio's `Twilio-Request-Id` header (`RQ` + 32 hex). */
const requestId = (): string => `RQ${(++requestCounter).toString(16).padStart(32, "0")}`;

/** A JSON response with the headers Twilio sends. */
export const json = (status: number, body: unknown, headers: HeadersInit = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Twilio-Request-Id": requestId(),
      ...headers,
    },
  });

/** A Twilio error response: classic body and the status that goes with `code`. */
export const twilioError = (code: ErrorCode, message: string, headers?: HeadersInit): Response => {
  const body = errorBody(code, message);
  return json(body.status, body, headers);
};

/** An empty `204 No Content`, as Twilio answers a successful DELETE. */
export const noContent = (): Response =>
  new Response(null, { status: 204, headers: { "Twilio-Request-Id": requestId() } });
