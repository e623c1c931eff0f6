import type { ProxyConfig } from "../config/load.js";

/** A Durable Object id as `DurableObjectId.toString()` writes it. */
const OBJECT_ID = /^[0-9a-f]{64}$/;

/**
 * The StatusCallback URL for calls placed by the caller whose object has id `callerObjectId`:
 * `PUBLIC_URL/v1/twilio/status?caller=<id>`. Twilio signs the whole URL, query included, so a
 * callback that verifies also proves which object holds the call.
 */
export const callbackUrlFor = (config: ProxyConfig, callerObjectId: string): string =>
  `${config.statusCallbackUrl}?caller=${callerObjectId}`;

/**
 * The URL a callback must be signed over: the one {@link callbackUrlFor} gave when the request names a
 * caller object, else the bare URL calls placed before the record moved there were given.
 */
export const signedCallbackUrl = (config: ProxyConfig, caller: string | null): string =>
  caller === null ? config.statusCallbackUrl : callbackUrlFor(config, caller);

/** Whether `value` has the shape of a caller object's id. */
export const isObjectId = (value: string | null): value is string =>
  value !== null && OBJECT_ID.test(value);
