import type { Handler } from "../http/context.js";
import { ProblemError } from "../http/problem.js";
import { callNotFound, NO_STORE, ownCall } from "./own-call.js";

/**
 * `GET /v1/calls/{sid}/events`: the call's status as Server-Sent Events, for its owner only. The
 * first event is the current status, then one per status change; the stream ends after a final one.
 */
export const callEvents: Handler = async (context) => {
  const { caller, sid, object } = await ownCall(context);
  const answer = await object.watchCall(caller, sid);
  if (!answer) throw callNotFound();
  if (!answer.ok) throw new ProblemError(answer.problem);
  context.log.reason = "stream_opened";
  return new Response(answer.stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", ...NO_STORE },
  });
};
