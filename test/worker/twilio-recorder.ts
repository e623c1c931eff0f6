import { newCallResource, randomSid } from "../emulator/call-resource.js";

/** One request the worker sent to the Twilio stand-in. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  form: URLSearchParams;
};

/**
 * What the stand-in does with a request: answer, drop the connection, never answer, or `cut`: send
 * a 201's headers and the start of its body, then drop the connection.
 */
export type Reply = Response | "reset" | "hang" | "cut";

/** A scripted answer, given the request and how many came before it (0-based). */
export type Script = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export const newCallSid = (): string => randomSid("CA");

/** A 201 Call body shaped like Twilio's (the emulator's), for the call the form asks for. */
export const callJson = (form: URLSearchParams) =>
  newCallResource("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", form, Date.now());

/** Twilio's classic error body. */
export const twilioError = (status: number, code: number, message: string, headers = {}) =>
  Response.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status, headers },
  );

/** The default script: every create is a new queued call; a GET reads a call back. */
export const created: Script = (request) => Response.json(callJson(request.form), { status: 201 });

/**
 * A Twilio stand-in that records every request and answers as scripted (see {@link Script}).
 * `hang` answers are released, as 503s, when the test is over.
 */
export const createTwilioRecorder = () => {
  const requests: RecordedRequest[] = [];
  const hanging: Array<() => void> = [];
  let script: Script = created;
  return {
    requests,
    /** Only the call-creating requests. */
    creates: () =>
      requests.filter(
        (request) => request.method === "POST" && request.path.endsWith("/Calls.json"),
      ),
    /** Only the requests that update (hang up) the call `sid`. */
    updates: (sid: string) =>
      requests.filter(
        (request) => request.method === "POST" && request.path.endsWith(`/${sid}.json`),
      ),
    respond(next: Script) {
      script = next;
    },
    async handle(request: RecordedRequest): Promise<Response | "reset" | "cut"> {
      const index = requests.length;
      requests.push(request);
      const reply = await script(request, index);
      if (reply !== "hang") return reply;
      return new Promise((resolve) =>
        hanging.push(() => resolve(new Response("late", { status: 503 }))),
      );
    },
    release() {
      for (const resolve of hanging.splice(0)) resolve();
    },
  };
};

export type TwilioRecorder = ReturnType<typeof createTwilioRecorder>;
