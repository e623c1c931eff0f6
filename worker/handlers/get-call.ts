import { isFinalStatus } from "../../src/proxy-client/index.js";
import { authenticate } from "../auth/authenticate.js";
import type { ProxyConfig } from "../config/load.js";
import type { Handler } from "../http/context.js";
import { fail } from "../http/problem.js";
import type { CallObject } from "../objects/call.js";
import { isCallSid } from "../shared/formats.js";
import type { CallView } from "../twilio/call-status.js";
import { twilioClient } from "../twilio/client.js";

const notFound = () =>
  fail(404, "call_not_found", "Call not found", "No call with this SID was created by you.");

/** A call with no status news for this long is looked up at Twilio (callbacks can be lost). */
const STALE_AFTER_MS = 30_000;

const refresh = async (
  config: ProxyConfig,
  record: DurableObjectStub<CallObject>,
  view: CallView,
  caller: string,
): Promise<CallView> => {
  const stale = Date.now() - Date.parse(view.updatedAt) > STALE_AFTER_MS;
  if (isFinalStatus(view.status) || !stale) return view;
  try {
    const call = await twilioClient(config).calls.get(view.sid);
    const duration = call.duration === null ? undefined : Number(call.duration);
    await record.applyStatus(view.sid, {
      status: call.status,
      at: new Date().toISOString(),
      duration: Number.isInteger(duration) ? duration : undefined,
      answeredBy: call.answeredBy ?? undefined,
    });
    return (await record.read(caller)) ?? view;
  } catch {
    // Twilio unreachable or refusing: the last known status is still the best answer.
    return view;
  }
};

/**
 * `GET /v1/calls/{sid}`: the narrowed status of a call this same caller created (404 otherwise).
 * When no callback has arrived for a while, it asks Twilio once and keeps the answer.
 */
export const getCall: Handler = async ({ request, env, config, log, params }) => {
  const caller = await authenticate(request, config);
  log.caller = caller;
  const sid = params.sid;
  if (!isCallSid(sid)) throw notFound();
  log.sid = sid;
  const record = env.CALLS.get(env.CALLS.idFromName(sid));
  const view = await record.read(caller);
  if (!view) throw notFound();
  return Response.json(await refresh(config, record, view, caller), {
    headers: { "Cache-Control": "no-store" },
  });
};
