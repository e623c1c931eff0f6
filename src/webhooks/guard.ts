import { fail } from "../shared/rules.js";
import { readSignedWebhook, type TwilioWebhookEvent } from "./request.js";
import { checkAuthToken } from "./signature.js";

/** Options of {@link twilioWebhook}. */
export type TwilioWebhookOptions = {
  /** The account's Auth Token: Twilio signs with it even when your REST calls use an API key. */
  authToken: string;
  /**
   * Where Twilio sent the request, when the handler sees another URL (behind a proxy or a tunnel).
   * A string is the public origin (`https://calls.example.com`): the request's path and query are
   * kept. A function returns the whole public URL.
   * @default request.url
   */
  publicUrl?: string | ((request: Request) => string);
};

const publicUrlOf = (request: Request, publicUrl: TwilioWebhookOptions["publicUrl"]): string => {
  if (typeof publicUrl === "function") return publicUrl(request);
  if (publicUrl === undefined) return request.url;
  const { pathname, search } = new URL(request.url);
  try {
    return new URL(pathname + search, publicUrl).href;
  } catch {
    return fail("publicUrl", "must be an absolute URL such as https://calls.example.com");
  }
};

/**
 * Wraps a fetch-style handler (Workers, Deno, Bun, hono, anything `Request -> Response`) so that
 * it only runs for requests Twilio signed: the signature is checked over the public URL, a form
 * body as signed parameters, a JSON body against `bodySHA256`, a GET over its URL. Anything else
 * gets a 403 problem JSON and never reaches the handler. Extra arguments (a Worker's `env` and
 * `ctx`) are passed through, and `options` may be a function of them.
 * @throws TwilioValidationError (at wrap time, or per request for an options function) when
 * `authToken` is missing or `publicUrl` is not an absolute URL.
 * @example
 * export default {
 *   fetch: twilioWebhook(
 *     (request, { params }) => {
 *       const { callSid, callStatus } = parseCallStatusCallback(params);
 *       return new Response(null, { status: 204 });
 *     },
 *     (request: Request, env: Env) => ({ authToken: env.TWILIO_AUTH_TOKEN }),
 *   ),
 * };
 */
export const twilioWebhook = <Rest extends unknown[]>(
  handler: (
    request: Request,
    webhook: TwilioWebhookEvent,
    ...rest: Rest
  ) => Response | Promise<Response>,
  options: TwilioWebhookOptions | ((request: Request, ...rest: Rest) => TwilioWebhookOptions),
): ((request: Request, ...rest: Rest) => Promise<Response>) => {
  if (typeof handler !== "function") fail("handler", "must be a function");
  if (typeof options !== "function") checkAuthToken(options?.authToken);
  return async (request, ...rest) => {
    const { authToken, publicUrl } =
      typeof options === "function" ? options(request, ...rest) : options;
    const event = await readSignedWebhook(request, authToken, publicUrlOf(request, publicUrl));
    if (event) return handler(request, event, ...rest);
    return Response.json(
      { title: "Invalid signature", status: 403, detail: "X-Twilio-Signature does not match." },
      { status: 403, headers: { "Content-Type": "application/problem+json" } },
    );
  };
};
