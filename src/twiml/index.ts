export type { TwimlNode } from "./node.js";
export { VoiceResponse } from "./voice-response.js";
export type { Attributes, AttributeValue, TwimlMethod } from "./xml.js";
