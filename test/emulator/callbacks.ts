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

/** Signs and sends one callback as Twilio does; never throws: failures are recorded instead. */
export const sendStatusCallback = async (
  send: SendCallback,
  authToken: string,
  target: { url: string; method: "GET" | "POST"; event: ProgressEvent; callSid: string },
  params: URLSearchParams,
): Promise<CallbackRecord> => {
  const isGet = target.method === "GET";
  const url = isGet ? `${target.url}${target.url.includes("?") ? "&" : "?"}${params}` : target.url;
  const signature = await twilioSignature(authToken, url, isGet ? {} : params);
  const record: CallbackRecord = { ...target, url, params, signature };
  const headers: Record<string, string> = {
    "User-Agent": "TwilioProxy/1.1",
    "X-Twilio-Signature": signature,
    "I-Twilio-Idempotency-Token": crypto.randomUUID(),
  };
  if (!isGet) headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
  try {
    const response = await send(url, {
      method: target.method,
      headers,
      ...(isGet ? {} : { body: params.toString() }),
    });
    record.status = response.status;
    await response.body?.cancel();
    if (!response.ok) record.error = `answered HTTP ${response.status}`;
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
  }
  return record;
};
