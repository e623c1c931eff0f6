import type { IncomingMessage, ServerResponse } from "node:http";
import { SECRETS, TWILIO_HOST } from "./fixtures.js";
import { jwks } from "./tokens.js";
import type { RecordedRequest, TwilioRecorder } from "./twilio-recorder.js";

/**
 * A test's own answer for an outbound request (to fake an outage; `reset` drops the connection), or
 * undefined for the default; `body` is the request's body as text.
 */
export type OutboundOverride = (
  host: string,
  path: string,
  body: string,
) => Response | "reset" | undefined;

const bodyOf = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

// Like Cloudflare: the fixtures' secret passes, and so does the documented always-pass test secret
// (for the local-development tests); any other secret fails.
const PASSING_SECRETS = new Set([
  SECRETS.TURNSTILE_SECRET_KEY,
  "1x0000000000000000000000000000000AA",
]);

const siteverify = (form: URLSearchParams): Response => {
  const success = PASSING_SECRETS.has(form.get("secret") ?? "");
  return Response.json({ success, "error-codes": success ? [] : ["invalid-input-response"] });
};

/**
 * The worker's outbound handler: Twilio's host goes to the scripted `twilio` recorder, Turnstile's
 * siteverify and the JWKS to small fakes, anything else is listed in `unexpected` (and fails the
 * test when the proxy is closed). `override` answers first, when it has an answer.
 */
export const createOutbound =
  (twilio: TwilioRecorder, unexpected: string[], override?: OutboundOverride) =>
  async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const host = request.headers.host ?? "";
    const path = request.url?.replace(/^\/+/, "/") ?? "/";
    const text = await bodyOf(request);
    const reply = async (): Promise<Response | "reset" | "cut"> => {
      const overridden = override?.(host, path, text);
      if (overridden) return overridden;
      if (host === TWILIO_HOST) {
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        );
        const recorded: RecordedRequest = {
          method: request.method ?? "GET",
          path,
          headers,
          form: new URLSearchParams(text),
        };
        return twilio.handle(recorded);
      }
      if (host === "challenges.cloudflare.com" && path === "/turnstile/v0/siteverify") {
        return siteverify(new URLSearchParams(text));
      }
      if (host === "auth.test" && path === "/.well-known/jwks.json") return Response.json(jwks);
      unexpected.push(`${request.method} ${host}${path}`);
      return new Response("unexpected outbound request", { status: 418 });
    };
    const answer = await reply();
    if (answer === "reset") {
      request.socket.destroy();
      return;
    }
    if (answer === "cut") {
      // Headers and the start of a 201 arrive, then the connection drops mid-body.
      response.writeHead(201, { "Content-Type": "application/json", "Content-Length": "4096" });
      response.write('{"sid":"CA', () => request.socket.destroy());
      return;
    }
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  };
