import { authenticate } from "../auth/authenticate.js";
import { readJsonObject } from "../http/body.js";
import type { Handler } from "../http/context.js";
import { fail, ProblemError } from "../http/problem.js";
import { narrowCall, parseCallRequest } from "../policy/call-request.js";
import { checkDestination } from "../policy/destination.js";
import { refuseNewCallsWhilePaused } from "../policy/kill-switch.js";
import { sha256Hex } from "../shared/digest.js";

/** The request's `Idempotency-Key` (null when absent); a malformed one is a 400. */
export const idempotencyKeyOf = (request: Request): string | null => {
  const key = request.headers.get("Idempotency-Key");
  if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw fail(
      400,
      "idempotency_key_invalid",
      "Invalid Idempotency-Key",
      "Idempotency-Key must be 1-255 visible ASCII characters, such as a UUID.",
    );
  }
  return key;
};

/**
 * `POST /v1/calls`: refuse while `CALLS_PAUSED`, then authenticate, validate, narrow, check the destination, then let the caller's
 * object place the call (or replay the answer it gave this Idempotency-Key).
 */
export const createCall: Handler = async ({ request, env, config, log }) => {
  refuseNewCallsWhilePaused(config);
  const caller = await authenticate(request, config);
  log.caller = caller;
  const idempotencyKey = idempotencyKeyOf(request);
  const body = parseCallRequest(await readJsonObject(request));
  log.to = body.to;
  log.from = body.from;
  const call = narrowCall(body, config);
  checkDestination(call.to, config);
  const callerObject = env.CALLERS.get(env.CALLERS.idFromName(caller));
  const answer = await callerObject.createCall({
    caller,
    idempotencyKey,
    fingerprint: await sha256Hex(JSON.stringify([body.to, body.from ?? null, body.flow ?? null])),
    call,
  });
  const headers: Record<string, string> = {};
  if (answer.replayed) {
    log.replayed = true;
    headers["Idempotency-Replayed"] = "true";
  }
  if (!answer.ok) throw new ProblemError({ ...answer.problem, headers });
  log.sid = answer.call.sid;
  return Response.json(answer.call, { status: 201, headers });
};
