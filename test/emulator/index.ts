export type { CallResource } from "./call-resource.js";
export type { CallbackRecord, SendCallback } from "./callbacks.js";
export type { CreateCounts, CreateRecord } from "./create-log.js";
export type { EmulatorCredentials } from "./credentials.js";
export {
  createTwilioEmulator,
  type RecordedRequest,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
} from "./emulator.js";
export { ERROR_CODES, type ErrorCode } from "./error-codes.js";
export type { CallsPage } from "./list-calls.js";
export { type ServedEmulator, type ServeOptions, serveTwilioEmulator } from "./serve.js";
export { type Destination, SPECIAL_DESTINATIONS } from "./special-destinations.js";
