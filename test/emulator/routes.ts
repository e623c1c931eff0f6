/** A path of the Calls API the emulator serves. */
export type Route =
  | { kind: "calls"; accountSid: string }
  | { kind: "call"; accountSid: string; sid: string };

const CALLS = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/;
const CALL = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/;

/** The HTTP methods each route answers, as its 405 answer's `Allow` header lists them. */
export const ALLOWED_METHODS: Readonly<Record<Route["kind"], readonly string[]>> = {
  calls: ["GET", "POST"],
  call: ["GET", "POST", "DELETE"],
};

/** The route a request path names, or undefined for a path the emulator does not serve. */
export const matchRoute = (path: string): Route | undefined => {
  const list = CALLS.exec(path);
  if (list) return { kind: "calls", accountSid: list[1] ?? "" };
  const one = CALL.exec(path);
  return one ? { kind: "call", accountSid: one[1] ?? "", sid: one[2] ?? "" } : undefined;
};
