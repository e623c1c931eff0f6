import { type CallResource, type ResourceStatus, rfc2822 } from "../emulator/call-resource.js";
import { errorBody } from "../emulator/error-codes.js";
import { planUpdate } from "../emulator/update-call.js";
import { callJson, type RecordedRequest, type Reply, type Script } from "./twilio-recorder.js";

const CALL_PATH = /\/Calls\/(CA[0-9a-f]{32})\.json$/;

/**
 * A stateful Twilio stand-in script: creates calls, reads them back, and updates (hangs up) them
 * by the emulator's own rules (`planUpdate`: a cancel refuses an answered call, an ended call
 * refuses every update with 21220). `set` moves a call as the network would (a callback's status).
 * `gate` holds update answers until the test releases them.
 */
export const twilioCalls = () => {
  const calls = new Map<string, CallResource>();
  let gate: Promise<void> | undefined;
  const answer = (call: CallResource, status = 200): Response => Response.json(call, { status });
  const update = async (sid: string, request: RecordedRequest): Promise<Reply> => {
    const call = calls.get(sid);
    if (!call) return Response.json(errorBody(20404, "not found"), { status: 404 });
    await gate;
    const plan = planUpdate(call.status, request.form);
    if ("code" in plan) return Response.json(errorBody(plan.code, plan.message), { status: 400 });
    if (plan.end) Object.assign(call, { status: plan.end, date_updated: rfc2822(Date.now()) });
    return answer(call);
  };
  const script: Script = (request) => {
    const sid = CALL_PATH.exec(request.path)?.[1];
    if (request.method === "POST" && sid === undefined) {
      const call = callJson(request.form);
      calls.set(call.sid, call);
      return answer(call, 201);
    }
    const call = sid === undefined ? undefined : calls.get(sid);
    if (sid !== undefined && request.method === "POST") return update(sid, request);
    if (call) return answer(call);
    return Response.json(errorBody(20404, "not found"), { status: 404 });
  };
  return {
    script,
    /** Gives the call `sid` a new status at Twilio (as its progress would). */
    set(sid: string, status: ResourceStatus) {
      const call = calls.get(sid);
      if (call) call.status = status;
    },
    /** Holds every update answer until the returned function is called. */
    hold(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
  };
};
