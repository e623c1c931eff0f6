import { createTwilioEmulator } from "../../emulator/index.js";
import { ACCOUNT_SID, BASE_ENV, TWILIO_HOST } from "../fixtures.js";
import type { RecordedRequest, Reply } from "../twilio-recorder.js";

/**
 * What becomes of one create, to fake faults: cut the connection before the emulator sees it or
 * after it placed the call, or answer with a given response instead (a Twilio error).
 */
export type CreateFault = (to: string) => "drop-before" | "drop-after" | Response | undefined;

/** Where the emulator's signed status callbacks go: the proxy running now (it may be restarted). */
export type CallbackTarget = {
  mf: { dispatchFetch: (url: string, init: never) => Promise<unknown> };
};

/**
 * Twilio for campaign tests: the stateful emulator, in-process, behind the harness's Twilio host,
 * queueing at the account's calls per second as Twilio does. It counts every create (per `To`, per
 * window), answers the Calls list, and sends its signed status callbacks to whichever proxy is
 * current. `fault` can cut a create's connection before or after the emulator placed the call;
 * `dropCallbacks` loses callbacks as a network would.
 */
export const createEmulatedTwilio = (options: { callsPerSecond?: number } = {}) => {
  let target: CallbackTarget | undefined;
  let fault: CreateFault = () => undefined;
  let dropCallbacks = false;
  const emulator = createTwilioEmulator({
    accountSid: ACCOUNT_SID,
    authToken: BASE_ENV.TWILIO_AUTH_TOKEN as string,
    apiKey: BASE_ENV.TWILIO_API_KEY as string,
    apiSecret: BASE_ENV.TWILIO_API_SECRET as string,
    // Calls progress fast: a campaign's test time is its pacing, not its calls' length.
    stepMs: 5,
    ...(options.callsPerSecond === undefined ? {} : { callsPerSecond: options.callsPerSecond }),
    sendCallback: async (url, init) => {
      if (dropCallbacks || !target) throw new Error("callback lost");
      return (await target.mf.dispatchFetch(url, init as never)) as Response;
    },
  });

  /** The harness recorder's script: every request to Twilio's host goes through here. */
  const script = async (recorded: RecordedRequest): Promise<Reply> => {
    const isCreate = recorded.method === "POST" && /\/Calls\.json$/.test(recorded.path);
    const injected = isCreate ? fault(recorded.form.get("To") ?? "") : undefined;
    if (injected === "drop-before") return "reset";
    if (injected instanceof Response) return injected;
    const response = await emulator.fetch(
      new Request(`https://${TWILIO_HOST}${recorded.path}`, {
        method: recorded.method,
        headers: { Authorization: recorded.headers.authorization ?? "" },
        ...(recorded.method === "POST" ? { body: recorded.form } : {}),
      }),
    );
    return injected === "drop-after" ? "reset" : response;
  };

  return {
    emulator,
    script,
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
    /** Calls created, counted by the emulator. */
    created: (): number => emulator.createCounts().total,
    /** How many calls each `To` got, counted by the emulator. */
    createsPerTo: (): Map<string, number> => new Map(Object.entries(emulator.createCounts().perTo)),
    /** The most calls created within any one-second window, counted by the emulator. */
    busiestSecond: (): number => emulator.createCounts().maxInAnyWindow,
    /** Calls created per second, from the first create to the last. */
    achievedRate(): number {
      const times = emulator.creates.filter((create) => create.status === 201).map((c) => c.at);
      const span = (Math.max(...times) - Math.min(...times)) / 1000;
      return span > 0 ? (times.length - 1) / span : 0;
    },
  };
};

export type EmulatedTwilio = ReturnType<typeof createEmulatedTwilio>;
