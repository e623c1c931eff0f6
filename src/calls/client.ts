import { type ClientConfig, resolveConfig } from "./config.js";
import { type CallsResource, callsResource } from "./resource.js";

/** A Twilio client for one account. Holds no secret in any enumerable property. */
export type TwilioClient = {
  /** The account SID requests are made for. */
  readonly accountSid: string;
  /** Create and fetch calls. */
  readonly calls: CallsResource;
};

/**
 * Creates a client. The config is checked at once: a bad value throws `TwilioValidationError` here,
 * before any request is made.
 * @example
 * const twilio = createClient({ accountSid: "AC…", authToken: "…" });
 * const call = await twilio.calls.create({ to: "+15558675310", from: "+15017122661", url: "https://example.com/twiml" });
 */
export const createClient = (config: ClientConfig): TwilioClient => {
  const { accountSid, root, send } = resolveConfig(config);
  return {
    accountSid,
    calls: callsResource(send, `${root}/2010-04-01/Accounts/${accountSid}/Calls`, root),
  };
};
