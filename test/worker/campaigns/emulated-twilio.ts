import { createTwilioEmulator } from "../../emulator/index.js";
import { ACCOUNT_SID, BASE_ENV, TWILIO_HOST } from "../fixtures.js";
import type { RecordedRequest, Reply } from "../twilio-recorder.js";

/** One create the emulator accepted: its `To` and when it arrived (performance.now(), ms). */
export type CountedCreate = { to: string; at: number };

/**
 * What becomes of one create, to fake faults: cut the connection before the emulator sees it or
 * after it placed the call, or answer with a given response instead (a Twilio error).
 */
export type CreateFault = (to: string) => "drop-before" | "drop-after" | Response | undefined;

/** Where the emulator's signed status callbacks go: the proxy running now (it may be restarted). */
export type CallbackTarget = {
  mf: { dispatchFetch: (url: string, init: never) => Promise<unknown> };
};

const LIST = /^\/2010-04-01\/Accounts\/[^/]+\/Calls\.json\?/;

/**
 * Twilio for campaign tests: the stateful emulator, in-process, behind the harness's Twilio host.
 * It counts every accepted create (per `To`, with its arrival time), answers the Calls list from
 * the emulator's own calls (newest first, filtered by To and From), and sends its status callbacks
 * to whichever proxy is current. `fault` can cut a create's connection before or after the
 * emulator placed the call; `dropCallbacks` loses callbacks as a network would.
 */
export const createEmulatedTwilio = (options: { stepMs?: number } = {}) => {
  let target: CallbackTarget | undefined;
  let fault: CreateFault = () => undefined;
  let dropCallbacks = false;
  const creates: CountedCreate[] = [];
  const emulator = createTwilioEmulator({
    accountSid: ACCOUNT_SID,
    authToken: BASE_ENV.TWILIO_AUTH_TOKEN as string,
    apiKey: BASE_ENV.TWILIO_API_KEY as string,
    apiSecret: BASE_ENV.TWILIO_API_SECRET as string,
    stepMs: options.stepMs ?? 5,
    sendCallback: async (url, init) => {
      if (dropCallbacks || !target) throw new Error("callback lost");
      return (await target.mf.dispatchFetch(url, init as never)) as Response;
    },
  });

  const list = (path: string): Response => {
    const query = new URL(path, `https://${TWILIO_HOST}`).searchParams;
    const calls = emulator.calls
      .filter((call) => call.to === query.get("To") && call.from === query.get("From"))
      .reverse()
      .slice(0, Number(query.get("PageSize") ?? 50));
    return Response.json({ calls, page: 0, page_size: calls.length });
  };

  /** The harness recorder's script: every request to Twilio's host goes through here. */
  const script = async (recorded: RecordedRequest): Promise<Reply> => {
    if (recorded.method === "GET" && LIST.test(recorded.path)) return list(recorded.path);
    const to = recorded.form.get("To") ?? "";
    const isCreate = recorded.method === "POST";
    const injected = isCreate ? fault(to) : undefined;
    if (injected === "drop-before") return "reset";
    if (injected instanceof Response) return injected;
    const response = await emulator.fetch(
      new Request(`https://${TWILIO_HOST}${recorded.path}`, {
        method: recorded.method,
        headers: { Authorization: recorded.headers.authorization ?? "" },
        ...(isCreate ? { body: recorded.form } : {}),
      }),
    );
    if (isCreate && response.status === 201) creates.push({ to, at: performance.now() });
    return injected === "drop-after" ? "reset" : response;
  };

  return {
    emulator,
    script,
    creates,
    /** Sends callbacks to `proxy` from now on. */
    target(proxy: CallbackTarget) {
      target = proxy;
    },
    fault(next: CreateFault) {
      fault = next;
    },
    dropCallbacks(drop: boolean) {
      dropCallbacks = drop;
    },
    /** How many creates each `To` got. */
    createsPerTo(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const { to } of creates) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    /** Creates per second from the first to the last. */
    achievedRate(): number {
      const times = creates.map((create) => create.at).sort((a, b) => a - b);
      const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
      return span > 0 ? (times.length - 1) / span : 0;
    },
    /** The most creates that arrived within any one-second window. */
    busiestSecond(): number {
      const times = creates.map((create) => create.at).sort((a, b) => a - b);
      let most = 0;
      for (let start = 0, end = 0; end < times.length; end++) {
        while ((times[end] as number) - (times[start] as number) >= 1000) start++;
        most = Math.max(most, end - start + 1);
      }
      return most;
    },
  };
};

export type EmulatedTwilio = ReturnType<typeof createEmulatedTwilio>;
