import type { Handler } from "../http/context.js";
import { ProblemError } from "../http/problem.js";
import { callNotFound, NO_STORE, ownCall } from "./own-call.js";

/**
 * `POST /v1/calls/{sid}/hangup`: ends a call this same caller created (404 otherwise, and nothing
 * sent). A queued or ringing call is canceled, an answered one completed; a call already final, or
 * already hung up, is answered as it stands without asking Twilio. Answers the call's view.
 */
export const hangUpCall: Handler = async (context) => {
  const { caller, sid, object } = await ownCall(context);
  const answer = await object.hangUp(caller, sid);
  if (!answer) throw callNotFound();
  if (!answer.ok) throw new ProblemError(answer.problem);
  context.log.reason = answer.reason;
  return Response.json(answer.view, { headers: NO_STORE });
};
