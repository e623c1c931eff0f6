export type { Dial } from "./dial.js";
export type { Gather } from "./gather.js";
export type { TwimlNode } from "./node.js";
export type {
  CallProgressEvent,
  ClientAttributes,
  ConferenceAttributes,
  MachineDetectionAttributes,
  NumberAttributes,
  QueueAttributes,
  SipAttributes,
} from "./noun-attributes.js";
export type { SpokenNode } from "./spoken-node.js";
export type {
  DialAttributes,
  EnqueueAttributes,
  GatherAttributes,
  PauseAttributes,
  PlayAttributes,
  RecordAttributes,
  RedirectAttributes,
  RejectAttributes,
  SayAttributes,
  TwimlMethod,
} from "./verb-attributes.js";
export { VoiceResponse } from "./voice-response.js";
export type { Attributes, AttributeValue } from "./xml.js";
