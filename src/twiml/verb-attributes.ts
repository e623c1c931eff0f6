// Attributes of the verbs at the top of a <Response>, with the official library's names and types.
// Long open-ended lists in the official typings (voices, languages, ring tones) are plain strings here.
import type { RecordingStatusCallbackEvent } from "../calls/call-params.js";

/** Callback method, as Twilio takes it. */
export type TwimlMethod = "GET" | "POST" | (string & {});

/** Attributes of `<Say>`. */
export type SayAttributes = {
  /** For example `"en-US"`. */
  language?: string;
  /** Times to repeat; 0 repeats until the call ends. */
  loop?: number;
  /** `"man"`, `"woman"`, `"alice"`, or a `Polly.*` / `Google.*` voice name. */
  voice?: string;
};

/** Attributes of `<Play>`. */
export type PlayAttributes = { digits?: string; loop?: number };

/** Attributes of `<Pause>`. */
export type PauseAttributes = { length?: number };

/** Attributes of `<Gather>`. */
export type GatherAttributes = {
  action?: string;
  actionOnEmptyResult?: boolean;
  bargeIn?: boolean;
  debug?: boolean;
  enhanced?: boolean;
  finishOnKey?: string;
  hints?: string;
  /** Rendered space-separated, e.g. `input="dtmf speech"`. */
  input?: ("dtmf" | "speech")[];
  language?: string;
  maxSpeechTime?: number;
  method?: TwimlMethod;
  numDigits?: number;
  partialResultCallback?: string;
  partialResultCallbackMethod?: TwimlMethod;
  profanityFilter?: boolean;
  speechModel?: string;
  speechTimeout?: string;
  timeout?: number;
};

/** Attributes of `<Dial>`. */
export type DialAttributes = {
  action?: string;
  answerOnBridge?: boolean;
  callerId?: string;
  events?: "call-progress-event";
  hangupOnStar?: boolean;
  method?: TwimlMethod;
  passports?: string;
  record?:
    | "do-not-record"
    | "record-from-answer"
    | "record-from-ringing"
    | "record-from-answer-dual"
    | "record-from-ringing-dual";
  recordingConfigurationId?: string;
  recordingStatusCallback?: string;
  recordingStatusCallbackEvent?: RecordingStatusCallbackEvent[];
  recordingStatusCallbackMethod?: TwimlMethod;
  recordingTrack?: "both" | "inbound" | "outbound";
  referMethod?: TwimlMethod;
  referUrl?: string;
  /** Two-letter country code such as `"us"`, `"uk"`, `"de"`. */
  ringTone?: string;
  sequential?: boolean;
  timeLimit?: number;
  timeout?: number;
  trim?: "trim-silence" | "do-not-trim";
};

/** Attributes of `<Record>`. */
export type RecordAttributes = {
  action?: string;
  finishOnKey?: string;
  maxLength?: number;
  method?: TwimlMethod;
  playBeep?: boolean;
  recordingConfigurationId?: string;
  recordingStatusCallback?: string;
  recordingStatusCallbackEvent?: RecordingStatusCallbackEvent[];
  recordingStatusCallbackMethod?: TwimlMethod;
  timeout?: number;
  transcribe?: boolean;
  transcribeCallback?: string;
  trim?: "trim-silence" | "do-not-trim";
};

/** Attributes of `<Redirect>`. */
export type RedirectAttributes = { method?: TwimlMethod };

/** Attributes of `<Reject>`. */
export type RejectAttributes = { reason?: "rejected" | "busy" };

/** Attributes of `<Enqueue>`. */
export type EnqueueAttributes = {
  action?: string;
  maxQueueSize?: number;
  method?: TwimlMethod;
  waitUrl?: string;
  waitUrlMethod?: TwimlMethod;
  workflowSid?: string;
};
