export type { Call, CallDirection, CallStatus } from "./calls/call.js";
export type { CallContext } from "./calls/call-context.js";
export type { CallEach, CallList, CallPage } from "./calls/call-list.js";
export type {
  CallCreateParams,
  CallEachCallback,
  CallEachParams,
  CallFilters,
  CallListParams,
  CallPageParams,
  CallStatusCallbackEvent,
  CallUpdateParams,
  CallUpdateStatus,
  HttpMethod,
  RecordingStatusCallbackEvent,
  TwimlDocument,
} from "./calls/call-params.js";
export { createClient, type TwilioClient } from "./calls/client.js";
export type { ClientConfig } from "./calls/config.js";
export type { RequestOptions } from "./calls/request.js";
export type { CallsResource } from "./calls/resource.js";
export type { ResponseInfo } from "./calls/response-info.js";
export {
  TwilioApiError,
  type TwilioApiErrorInit,
  TwilioError,
  TwilioNetworkError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "./shared/errors.js";
export {
  type CallStatusCallback,
  getExpectedBodyHash,
  getExpectedTwilioSignature,
  parseCallStatusCallback,
  type TwilioWebhookEvent,
  type TwilioWebhookOptions,
  twilioWebhook,
  validateBody,
  validateRequest,
  validateRequestWithBody,
  validateWebhookRequest,
  validateWebhookSignature,
  type WebhookParams,
  type WebhookRequestOptions,
  type WebhookSignatureInput,
} from "./webhooks/index.js";
