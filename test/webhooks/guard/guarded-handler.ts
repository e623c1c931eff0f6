// A status-callback handler guarded by twilioWebhook, as a user writes it for any fetch runtime.
// The same module runs in Node (imported) and in workerd (bundled as a Worker).
import { parseCallStatusCallback, twilioWebhook } from "../../../src/webhooks/index.js";
import { AUTH_TOKEN, PUBLIC_ORIGIN } from "./constants.js";

export const guardedHandler = twilioWebhook(
  (_request, { params, json, idempotencyToken }) => {
    const reply = json === undefined ? parseCallStatusCallback(params) : { json };
    return Response.json({ reply, idempotencyToken });
  },
  { authToken: AUTH_TOKEN, publicUrl: PUBLIC_ORIGIN },
);
