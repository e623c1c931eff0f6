import { twilioSignature } from "../../src/webhooks/signature.js";
import type { CallResource } from "./call-resource.js";
import type { CallbackStatus, ProgressEvent } from "./progress.js";

/** Sends one HTTP request; called unbound, like `fetch`. */
export type SendCallback = (url: string, init: RequestInit) => Promise<Response>;

/** One status callback the emulator sent (or tried to), for tests to inspect. */
export type CallbackRecord = {
  callSid: string;
  event: ProgressEvent;
  /** The URL requested: with GET it carries the parameters in its query. */
  url: string;
  method: "GET" | "POST";
  params: URLSearchParams;
  /** The `X-Twilio-Signature` header sent. */
  signature: string;
  /** The `I-Twilio-Idempotency-Token` header sent: one per webhook, the same on each of its attempts. */
  idempotencyToken: string;
  /** Requests made for this webhook: more than 1 when a connection failed and was retried. */
  attempts: number;
  /** The HTTP status of the answer; absent when the request itself failed. */
  status?: number;
  /** Why the callback failed (network error or non-2xx answer); absent on success. */
  error?: string;
};

/** The form parameters Twilio sends with a call-progress status callback. */
export const callbackParams = (
  call: CallResource,
  status: CallbackStatus,
  sequence: number,
  timestamp: string,
): URLSearchParams => {
  const params = new URLSearchParams({
    AccountSid: call.account_sid,
    ApiVersion: call.api_version,
    CallSid: call.sid,
    CallStatus: status,
    Called: call.to,
    Caller: call.from,
    Direction: call.direction,
    From: call.from,
    To: call.to,
    Timestamp: timestamp,
    SequenceNumber: String(sequence),
    CallbackSource: "call-progress-events",
  });
  if (call.answered_by) params.set("AnsweredBy", call.answered_by);
  if (status !== "initiated" && status !== "ringing" && status !== "in-progress") {
    const seconds = Number(call.duration ?? 0);
    params.set("CallDuration", String(seconds));
    params.set("Duration", String(Math.ceil(seconds / 60)));
  }
  return params;
};

/**
 * Connection retries of one webhook, as Twilio's default connection override (`rc=1`): a request that
 * fails to connect is tried once more; an HTTP answer, even an error, is not retried.
 */
export const CALLBACK_RETRIES = 1;

type Target = { url: string; method: "GET" | "POST"; event: ProgressEvent; callSid: string };

// One attempt after another until one gets an HTTP answer; the same headers (signature and
// idempotency token) on every attempt, as Twilio sends them.
const deliver = async (send: SendCallback, record: CallbackRecord): Promise<CallbackRecord> => {
  const isGet = record.method === "GET";
  const headers: Record<string, string> = {
    "User-Agent": "TwilioProxy/1.1",
    "X-Twilio-Signature": record.signature,
    "I-Twilio-Idempotency-Token": record.idempotencyToken,
  };
  if (!isGet) headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
  const init = {
    method: record.method,
    headers,
    ...(isGet ? {} : { body: record.params.toString() }),
  };
  const done: CallbackRecord = { ...record, attempts: 0 };
  delete done.status;
  delete done.error;
  while (done.attempts <= CALLBACK_RETRIES) {
    done.attempts++;
    try {
      const response = await send(done.url, init);
      done.status = response.status;
      delete done.error;
      await response.body?.cancel();
      if (!response.ok) done.error = `answered HTTP ${response.status}`;
      return done;
    } catch (error) {
      done.error = error instanceof Error ? error.message : String(error);
    }
  }
  return done;
};

/** Signs and sends one callback as Twilio does; never throws: failures are recorded instead. */
export const sendStatusCallback = async (
  send: SendCallback,
  authToken: string,
  target: Target,
  params: URLSearchParams,
): Promise<CallbackRecord> => {
  const isGet = target.method === "GET";
  const url = isGet ? `${target.url}${target.url.includes("?") ? "&" : "?"}${params}` : target.url;
  const signature = await twilioSignature(authToken, url, isGet ? {} : params);
  const idempotencyToken = crypto.randomUUID();
  return deliver(send, { ...target, url, params, signature, idempotencyToken, attempts: 0 });
};

/**
 * Sends a recorded callback again, byte for byte (same signature, same idempotency token), as when
 * Twilio delivers one webhook twice; the receiver is expected to recognise it.
 */
export const redeliverCallback = (
  send: SendCallback,
  record: CallbackRecord,
): Promise<CallbackRecord> => deliver(send, record);
