export type { Call, CallDirection, CallStatus } from "./call.js";
export type {
  CallCreateParams,
  CallStatusCallbackEvent,
  HttpMethod,
  RecordingStatusCallbackEvent,
  TwimlDocument,
} from "./call-params.js";
export type { CallsResource } from "./calls.js";
export { createClient, type TwilioClient } from "./client.js";
export type { ClientConfig } from "./config.js";
export {
  TwilioApiError,
  type TwilioApiErrorInit,
  TwilioError,
  TwilioNetworkError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "./errors.js";
export type { RequestOptions } from "./request.js";
export {
  getExpectedTwilioSignature,
  validateWebhookRequest,
  validateWebhookSignature,
  type WebhookParams,
  type WebhookRequestOptions,
  type WebhookSignatureInput,
} from "./webhooks.js";
