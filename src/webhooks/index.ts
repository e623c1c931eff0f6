export {
  type CallbackCallStatus,
  type CallStatusCallback,
  parseCallStatusCallback,
} from "./call-status-callback.js";
export { type TwilioWebhookOptions, twilioWebhook } from "./guard.js";
export {
  getExpectedTwilioSignature,
  validateRequest,
  validateRequestWithBody,
} from "./official.js";
export {
  type TwilioWebhookEvent,
  validateWebhookRequest,
  type WebhookRequestOptions,
} from "./request.js";
export type { WebhookParams } from "./signature.js";
export {
  getExpectedBodyHash,
  validateBody,
  validateWebhookSignature,
  type WebhookBody,
  type WebhookSignatureInput,
} from "./validate.js";
