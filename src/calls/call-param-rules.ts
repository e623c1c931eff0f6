import {
  httpUrl,
  integer,
  matches,
  oneOf,
  type Rule,
  required,
  string,
  url,
} from "../shared/rules.js";
import type { CallCreateParams, CallPageParams, CallUpdateParams } from "./call-params.js";

// The official library also accepts a single value where it expects a list; so do we.
const listOf = (allowed: string): Rule => {
  const words = allowed.split(" ");
  return (value) =>
    [value].flat().every((item) => words.includes(item as string))
      ? ""
      : `must be an array of ${words.join(", ")}`;
};

const callbackUrl: Rule = (value) =>
  httpUrl(value)?.hostname.includes("_") ? "must have a hostname without underscores" : url(value);

const method = oneOf("GET POST");

const twiml: Rule = (value) => {
  // A TwiML builder (such as VoiceResponse) renders itself; the limit applies to the rendered text.
  // A null-prototype object has no toString (String() would throw): refused below.
  const text = typeof value === "object" ? (value as object | null)?.toString?.() : value;
  return typeof text !== "string" || text === "[object Object]"
    ? "must be a string or a TwiML builder"
    : text.length > 4000
      ? "must be at most 4000 characters"
      : "";
};

/** A Twilio SID: `prefix` (such as `CA`) and 32 hex digits. */
export const sid = (prefix: string): Rule => matches(RegExp(`^${prefix}[0-9a-fA-F]{32}$`));

/** A call SID: `CA` and 32 hex digits. */
export const callSid = sid("CA");

/** The rule of every parameter `calls.create` accepts; a key missing here is refused as unknown. */
export const CALL_CREATE_RULES: Record<keyof CallCreateParams, Rule> = {
  to: required,
  from: required,
  url,
  twiml,
  applicationSid: sid("AP"),
  method,
  fallbackUrl: url,
  fallbackMethod: method,
  statusCallback: callbackUrl,
  statusCallbackEvent: listOf("initiated ringing answered completed"),
  statusCallbackMethod: method,
  sendDigits: matches(/^[0-9A-D#*wW]{0,32}$/, "be at most 32 of 0-9 A B C D # * w W"),
  timeout: integer(1, 600),
  record: (value) => (typeof value === "boolean" ? "" : "must be true or false"),
  recordingChannels: oneOf("mono dual"),
  recordingStatusCallback: url,
  recordingStatusCallbackMethod: method,
  recordingStatusCallbackEvent: listOf("in-progress completed absent"),
  recordingTrack: oneOf("inbound outbound both"),
  recordingConfigurationId: string,
  trim: oneOf("trim-silence do-not-trim"),
  sipAuthUsername: string,
  sipAuthPassword: string,
  machineDetection: oneOf("Enable DetectMessageEnd"),
  machineDetectionTimeout: integer(1),
  machineDetectionSpeechThreshold: integer(1000, 6000),
  machineDetectionSpeechEndThreshold: integer(500, 5000),
  machineDetectionSilenceTimeout: integer(2000, 10000),
  asyncAmd: oneOf("true false"),
  asyncAmdStatusCallback: url,
  asyncAmdStatusCallbackMethod: method,
  callerId: string,
  byoc: sid("BY"),
  callReason: string,
  callToken: string,
  timeLimit: integer(1),
  clientNotificationUrl: url,
  passports: string,
};

/** `calls(sid).update`'s rules: `status`, and create's rule for each name they share (one rule per name). */
export const CALL_UPDATE_RULES = {
  status: oneOf("canceled completed"),
  ...Object.fromEntries(
    "url method fallbackUrl fallbackMethod statusCallback statusCallbackMethod twiml timeLimit"
      .split(" ")
      .map((name) => [name, CALL_CREATE_RULES[name as keyof CallCreateParams]]),
  ),
} as Record<keyof CallUpdateParams, Rule>;

const date: Rule = (value) =>
  (value instanceof Date ? !Number.isNaN(value.getTime()) : typeof value === "string" && value)
    ? ""
    : "must be a valid Date or a date string such as 2009-07-06";

/** The rules of the filters and paging parameters of `calls.list`, `calls.each` and `calls.page`. */
export const CALL_PAGE_RULES: Record<keyof CallPageParams, Rule> = {
  to: string,
  from: string,
  parentCallSid: callSid,
  status: oneOf("queued ringing in-progress canceled completed failed busy no-answer"),
  startTime: date,
  startTimeBefore: date,
  startTimeAfter: date,
  endTime: date,
  endTimeBefore: date,
  endTimeAfter: date,
  pageSize: integer(1, 1000),
  pageNumber: integer(0),
  pageToken: string,
};
