import type { Call } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import type { StatusUpdate } from "./call-status.js";
import { twilioClient } from "./client.js";

/** A call resource Twilio answered with, as a status report received now. */
export const statusUpdateOf = (call: Call): StatusUpdate => {
  const duration = call.duration === null ? undefined : Number(call.duration);
  return {
    status: call.status,
    at: new Date().toISOString(),
    duration: Number.isInteger(duration) ? duration : undefined,
    answeredBy: call.answeredBy ?? undefined,
  };
};

/**
 * Asks Twilio for the call's status, in one request (no retry: the next lookup is 30 s away);
 * undefined when Twilio is unreachable or refuses.
 */
export const lookUpStatus = async (
  config: ProxyConfig,
  sid: string,
): Promise<StatusUpdate | undefined> => {
  try {
    return statusUpdateOf(await twilioClient(config, 0).calls(sid).fetch());
  } catch {
    return undefined;
  }
};
