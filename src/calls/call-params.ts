import type { Call, CallStatus } from "./call.js";

/** An HTTP method Twilio uses to call one of your URLs. */
export type HttpMethod = "GET" | "POST";

/** A call progress event Twilio can report to `statusCallback`. */
export type CallStatusCallbackEvent = "initiated" | "ringing" | "answered" | "completed";

/** A recording event Twilio can report to `recordingStatusCallback`. */
export type RecordingStatusCallbackEvent = "in-progress" | "completed" | "absent";

/** Anything that renders to a TwiML document, such as a `VoiceResponse`. */
export type TwimlDocument = { toString(): string };

/**
 * Parameters of `calls.create`, with the official `twilio` package's names and types.
 * Only `to` and `from` are required; one of `url`, `twiml` or `applicationSid` tells the call what to do.
 */
export type CallCreateParams = {
  /** The phone number (E.164), SIP address (`sip:…`) or client identifier (`client:…`) to call. */
  to: string;
  /** The caller ID: a Twilio number or verified caller ID, or a client identifier. */
  from: string;
  /** Absolute URL that returns the TwiML for the call. */
  url?: string;
  /** TwiML for the call, at most 4000 characters; ignored when `url` is given. */
  twiml?: string | TwimlDocument;
  /** The Application (`AP…`) that handles the call; Twilio then ignores the URL and callback params. */
  applicationSid?: string;
  /** HTTP method for `url`. @default "POST" */
  method?: HttpMethod;
  /** URL Twilio requests when `url` fails. */
  fallbackUrl?: string;
  /** HTTP method for `fallbackUrl`. @default "POST" */
  fallbackMethod?: HttpMethod;
  /** URL for call progress events; its hostname may not contain underscores. */
  statusCallback?: string;
  /** Events sent to `statusCallback`. @default ["completed"] */
  statusCallbackEvent?: CallStatusCallbackEvent[];
  /** HTTP method for `statusCallback`. @default "POST" */
  statusCallbackMethod?: HttpMethod;
  /** Keys to press once connected: at most 32 of `0-9 A-D # *`, `w` (half-second pause), `W` (one second). */
  sendDigits?: string;
  /** Seconds to let the phone ring, 1 to 600. @default 60 */
  timeout?: number;
  /** Whether to record the call. @default false */
  record?: boolean;
  /** Channels of the recording. @default "mono" */
  recordingChannels?: "mono" | "dual";
  /** URL called when the recording is available. */
  recordingStatusCallback?: string;
  /** HTTP method for `recordingStatusCallback`. @default "POST" */
  recordingStatusCallbackMethod?: HttpMethod;
  /** Recording events sent to `recordingStatusCallback`. @default ["completed"] */
  recordingStatusCallbackEvent?: RecordingStatusCallbackEvent[];
  /** The audio track to record. @default "both" */
  recordingTrack?: "inbound" | "outbound" | "both";
  /** A recording configuration to apply. */
  recordingConfigurationId?: string;
  /** Whether to trim leading and trailing silence from the recording. @default "trim-silence" */
  trim?: "trim-silence" | "do-not-trim";
  /** Username for a SIP destination that requires authentication. */
  sipAuthUsername?: string;
  /** Password for a SIP destination; a secret, never shown in errors. */
  sipAuthPassword?: string;
  /** Answering machine detection; ignored when `sendDigits` is given. */
  machineDetection?: "Enable" | "DetectMessageEnd";
  /** Seconds to try detecting a machine. @default 30 */
  machineDetectionTimeout?: number;
  /** Milliseconds of speech, 1000 to 6000, above which a machine is assumed. @default 2400 */
  machineDetectionSpeechThreshold?: number;
  /** Milliseconds of silence, 500 to 5000, that end speech. @default 1200 */
  machineDetectionSpeechEndThreshold?: number;
  /** Milliseconds of initial silence, 2000 to 10000, before `unknown`. @default 5000 */
  machineDetectionSilenceTimeout?: number;
  /** Run answering machine detection in the background (a string in Twilio's API). */
  asyncAmd?: "true" | "false";
  /** URL that receives the asynchronous detection result. */
  asyncAmdStatusCallback?: string;
  /** HTTP method for `asyncAmdStatusCallback`. @default "POST" */
  asyncAmdStatusCallbackMethod?: HttpMethod;
  /** The phone number, SIP address or client identifier shown as the caller. */
  callerId?: string;
  /** A BYOC trunk (`BY…`) to route the call with. */
  byoc?: string;
  /** The reason for the call, shown on the called phone (branded calls). */
  callReason?: string;
  /** Token of an incoming call, to forward it. */
  callToken?: string;
  /** Maximum duration of the call in seconds. */
  timeLimit?: number;
  /** URL to notify a client of the call. */
  clientNotificationUrl?: string;
  /** Passports for the call (accepted by the official library). */
  passports?: string;
};

/** What `calls(sid).update` can set: `canceled` ends a queued or ringing call, `completed` hangs up a live one. */
export type CallUpdateStatus = "canceled" | "completed";

/**
 * Parameters of `calls(sid).update`, with the official package's names: end the call (`status`),
 * redirect it to new TwiML (`url` or `twiml`), or change its callbacks or time limit.
 */
export type CallUpdateParams = {
  /** Absolute URL of new TwiML: the live call leaves what it does and runs this. */
  url?: string;
  /** HTTP method for `url`. @default "POST" */
  method?: HttpMethod;
  /** `canceled` ends a call while queued or ringing (never an answered one); `completed` ends it in any state. */
  status?: CallUpdateStatus;
  /** URL Twilio requests when `url` fails. */
  fallbackUrl?: string;
  /** HTTP method for `fallbackUrl`. @default "POST" */
  fallbackMethod?: HttpMethod;
  /** URL for call progress events; its hostname may not contain underscores. */
  statusCallback?: string;
  /** HTTP method for `statusCallback`. @default "POST" */
  statusCallbackMethod?: HttpMethod;
  /** New TwiML for the live call, at most 4000 characters; `url` and `twiml` exclude each other. */
  twiml?: string | TwimlDocument;
  /** Maximum duration of the call in seconds. */
  timeLimit?: number;
};

/**
 * Filters of `calls.list`, `calls.each` and `calls.page`, with the official package's names. A `Date`
 * is sent as the official package sends it (`2009-07-06T00:00:00Z`, UTC); a string is sent as given
 * (Twilio reads `YYYY-MM-DD`).
 */
export type CallFilters = {
  /** Only calls to this phone number, SIP address, client identifier or SIM SID. */
  to?: string;
  /** Only calls from this phone number, SIP address, client identifier or SIM SID. */
  from?: string;
  /** Only calls spawned by this call (`CA…`). */
  parentCallSid?: string;
  /** Only calls in this state. */
  status?: CallStatus;
  /** Only calls that started on this date (UTC). */
  startTime?: Date | string;
  /** Only calls that started before this date (sent as `StartTime<`). */
  startTimeBefore?: Date | string;
  /** Only calls that started on or after this date (sent as `StartTime>`). */
  startTimeAfter?: Date | string;
  /** Only calls that ended on this date (UTC). */
  endTime?: Date | string;
  /** Only calls that ended before this date (sent as `EndTime<`). */
  endTimeBefore?: Date | string;
  /** Only calls that ended on or after this date (sent as `EndTime>`). */
  endTimeAfter?: Date | string;
  /** Calls per page, 1 to 1000. @default 50 (Twilio's), or `limit` up to 1000 when a limit is given */
  pageSize?: number;
};

/** Parameters of `calls.list` and `calls.list.iterate`: the filters and how many calls at most. */
export type CallListParams = CallFilters & {
  /** The most calls to return, across pages. @default no limit */
  limit?: number;
};

/** Parameters of `calls.page`: the filters, and which page (as Twilio's own paging links give them). */
export type CallPageParams = CallFilters & {
  /** The page number (sent as `Page`), from 0. */
  pageNumber?: number;
  /** Twilio's token for the page (sent as `PageToken`). */
  pageToken?: string;
};

/**
 * Parameters of `calls.each`: those of `calls.list`, and the callbacks the official package also takes
 * here. `callback` gets each call and a `done` function that stops the walk (with an error, if given).
 */
export type CallEachParams = CallListParams & {
  /** Called with each call; a promise it returns is awaited before the next call. */
  callback?: CallEachCallback;
  /** Called once at the end, with the error that ended the walk if any; the promise then resolves. */
  done?: (error?: unknown) => void;
};

/** The per-call callback of `calls.each`; call `done()` to stop early, `done(error)` to fail. */
export type CallEachCallback = (call: Call, done: (error?: unknown) => void) => unknown;
