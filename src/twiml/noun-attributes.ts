// Attributes of the nouns inside <Dial>, with the official library's names and types.
import type {
  CallStatusCallbackEvent,
  RecordingStatusCallbackEvent,
} from "../calls/call-params.js";
import type { TwimlMethod } from "./verb-attributes.js";

/** Call progress events a `<Number>`, `<Client>` or `<Sip>` can report: those of `calls.create`. */
export type CallProgressEvent = CallStatusCallbackEvent;

/** Answering machine detection attributes shared by `<Number>` and `<Sip>`. */
export type MachineDetectionAttributes = {
  amdStatusCallback?: string;
  amdStatusCallbackMethod?: TwimlMethod;
  machineDetection?: string;
  machineDetectionSilenceTimeout?: number;
  machineDetectionSpeechEndThreshold?: number;
  machineDetectionSpeechThreshold?: number;
  machineDetectionTimeout?: number;
};

/** Attributes of `<Client>`. */
export type ClientAttributes = {
  method?: TwimlMethod;
  statusCallback?: string;
  /** Rendered space-separated. */
  statusCallbackEvent?: CallProgressEvent[];
  statusCallbackMethod?: TwimlMethod;
  url?: string;
};

/** Attributes of `<Number>`. */
export type NumberAttributes = ClientAttributes &
  MachineDetectionAttributes & { byoc?: string; sendDigits?: string };

/** Attributes of `<Sip>`. */
export type SipAttributes = ClientAttributes &
  MachineDetectionAttributes & { password?: string; username?: string };

/** Attributes of `<Conference>`. */
export type ConferenceAttributes = {
  beep?: "true" | "false" | "onEnter" | "onExit";
  coach?: string;
  endConferenceOnExit?: boolean;
  eventCallbackUrl?: string;
  jitterBufferSize?: "large" | "medium" | "small" | "off";
  maxParticipants?: number;
  muted?: boolean;
  participantLabel?: string;
  record?: "do-not-record" | "record-from-start";
  recordingConfigurationId?: string;
  recordingStatusCallback?: string;
  recordingStatusCallbackEvent?: RecordingStatusCallbackEvent[];
  recordingStatusCallbackMethod?: TwimlMethod;
  region?: "us1" | "us2" | "ie1" | "sg1" | "br1" | "au1" | "jp1" | "de1";
  startConferenceOnEnter?: boolean;
  statusCallback?: string;
  statusCallbackEvent?: (
    | "start"
    | "end"
    | "join"
    | "leave"
    | "mute"
    | "hold"
    | "modify"
    | "speaker"
    | "announcement"
  )[];
  statusCallbackMethod?: TwimlMethod;
  trim?: "trim-silence" | "do-not-trim";
  waitMethod?: TwimlMethod;
  waitUrl?: string;
};

/** Attributes of `<Queue>`. */
export type QueueAttributes = {
  method?: TwimlMethod;
  postWorkActivitySid?: string;
  reservationSid?: string;
  url?: string;
};
