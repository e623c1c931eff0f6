import { authenticate } from "../auth/authenticate.js";
import type { RequestContext } from "../http/context.js";
import { fail, type ProblemError } from "../http/problem.js";
import type { CallerObject } from "../objects/caller.js";
import { isCallSid } from "../shared/formats.js";

/** The 404 for a call that does not exist or belongs to another caller: the two look the same. */
export const callNotFound = (): ProblemError =>
  fail(404, "call_not_found", "Call not found", "No call with this SID was created by you.");

/**
 * The start of every request about one call: authenticate, check the SID, and find the caller's own
 * object, which holds the call (or answers null, for a call of someone else).
 */
export const ownCall = async ({
  request,
  env,
  config,
  log,
  params,
}: RequestContext): Promise<{
  caller: string;
  sid: string;
  object: DurableObjectStub<CallerObject>;
}> => {
  const caller = await authenticate(request, config);
  log.caller = caller;
  const sid = params.sid;
  if (!isCallSid(sid)) throw callNotFound();
  log.sid = sid;
  return { caller, sid, object: env.CALLERS.get(env.CALLERS.idFromName(caller)) };
};

/** Headers of every answer about a call: it changes, so no cache may keep it. */
export const NO_STORE = { "Cache-Control": "no-store" };
