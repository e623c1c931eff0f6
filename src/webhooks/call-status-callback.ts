import type { CallStatus } from "../calls/call.js";
import { check, fail, matches } from "../shared/rules.js";
import type { WebhookParams } from "./signature.js";

/** `CallStatus` as status callbacks report it: the resource's statuses, plus `initiated`. */
export type CallbackCallStatus = CallStatus | "initiated";

/**
 * Twilio's call status callback, typed and in camelCase. Every parameter Twilio sent is here under
 * its camelCase name; those below are typed, any other is kept as a string.
 */
export type CallStatusCallback = {
  callSid: string;
  accountSid: string;
  callStatus: CallbackCallStatus;
  from?: string;
  to?: string;
  /** `outbound-api`, `outbound-dial`, `inbound`, … (kept as Twilio sent it). */
  direction?: string;
  apiVersion?: string;
  parentCallSid?: string;
  /** Seconds the call lasted; on the final callback. */
  callDuration?: number;
  /** When Twilio sent this callback. */
  timestamp?: Date;
  /** The order of this callback among the call's callbacks, from 0. */
  sequenceNumber?: number;
  /** What sent it, for example `"call-progress-events"`. */
  callbackSource?: string;
  /** The SIP response code of a failed or ended SIP leg. */
  sipResponseCode?: number;
  /** `human`, `machine_start`, … when machine detection ran. */
  answeredBy?: string;
  recordingUrl?: string;
  recordingSid?: string;
  /** Seconds of recording. */
  recordingDuration?: number;
  [parameter: string]: string | number | Date | undefined;
};

const SIDS: Record<string, RegExp> = {
  CallSid: /^CA[0-9a-fA-F]{32}$/,
  AccountSid: /^AC[0-9a-fA-F]{32}$/,
  CallStatus: /^(queued|initiated|ringing|in-progress|completed|busy|failed|no-answer|canceled)$/,
};
const COUNT = /^(CallDuration|SequenceNumber|SipResponseCode|RecordingDuration)$/;

/**
 * Reads Twilio's call status callback parameters (a decoded form, or `params` from
 * {@link twilioWebhook}) into a typed {@link CallStatusCallback}: `callStatus` as the status union,
 * `callDuration` and the other counts as numbers, `timestamp` as a Date. Validate the signature
 * first: this checks shape, not origin.
 * @throws TwilioValidationError naming the parameter, when `CallSid`, `AccountSid` or `CallStatus`
 * is missing or malformed, or a count or `Timestamp` does not read as one.
 * @example
 * const { callSid, callStatus, callDuration } = parseCallStatusCallback(params);
 */
export const parseCallStatusCallback = (params: WebhookParams): CallStatusCallback => {
  const form = new URLSearchParams(
    params instanceof URLSearchParams
      ? params
      : Object.entries(params ?? {}).map(([key, value]) => [key, String([value].flat().at(-1))]),
  );
  const parsed: Record<string, string | number | Date> = {};
  for (const [key, text] of form) {
    let value: string | number | Date = text;
    if (COUNT.test(key)) {
      check(key, text, matches(/^\d{1,15}$/, "be a whole number"));
      value = Number(text);
    } else if (key === "Timestamp") {
      value = new Date(text);
      if (Number.isNaN(+value)) fail(key, "must be a date");
    }
    parsed[key[0]?.toLowerCase() + key.slice(1)] = value;
  }
  // Checked after the loop, so that of a repeated key the value checked is the one returned: the last.
  for (const [key, pattern] of Object.entries(SIDS)) {
    check(key, parsed[key[0]?.toLowerCase() + key.slice(1)], matches(pattern));
  }
  return parsed as CallStatusCallback;
};
