import type { Handler } from "../http/context.js";
import { callNotFound, NO_STORE, ownCall } from "./own-call.js";

/**
 * `GET /v1/calls/{sid}`: the narrowed status of a call this same caller created (404 otherwise).
 * When no callback has arrived for 30 s, the caller's object asks Twilio, at most once per 30 s.
 */
export const getCall: Handler = async (context) => {
  const { caller, sid, object } = await ownCall(context);
  const view = await object.readCall(caller, sid);
  if (!view) throw callNotFound();
  return Response.json(view, { headers: NO_STORE });
};
