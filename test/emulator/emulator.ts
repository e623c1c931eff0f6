import { type CallResource, newCallResource, rfc2822 } from "./call-resource.js";
import {
  type CallbackRecord,
  callbackParams,
  type SendCallback,
  sendStatusCallback,
} from "./callbacks.js";
import { type EmulatorCredentials, isAuthorized } from "./credentials.js";
import { applyStatus, type CallbackStatus, eventOf, stepsFor } from "./progress.js";
import { json, twilioError } from "./respond.js";
import { createScheduler } from "./scheduler.js";
import { answeredBy, destinationFor } from "./special-destinations.js";
import { validateCreate } from "./validate-create.js";

/** Options of {@link createTwilioEmulator}. */
export type TwilioEmulatorOptions = EmulatorCredentials & {
  /**
   * Milliseconds between two progress steps (queued, initiated, ringing, in-progress, completed).
   * `0` runs all steps at once in a microtask chain; `"manual"` runs one step per `advance()`.
   * @default 0
   */
  stepMs?: number | "manual";
  /** Sends status callbacks; called unbound. @default globalThis.fetch */
  sendCallback?: SendCallback;
  /** The clock, in epoch milliseconds, for dates and durations. @default Date.now */
  now?: () => number;
};

/** One REST request the emulator received. */
export type RecordedRequest = {
  method: string;
  path: string;
  form: URLSearchParams;
  status: number;
};

/** A stateful stand-in for Twilio's Calls API, callable in-process or served over HTTP. */
export type TwilioEmulator = {
  /** Answers one request to the Twilio REST surface (`/2010-04-01/Accounts/{Sid}/Calls…`). */
  fetch(request: Request): Promise<Response>;
  /** Snapshots of every call created, oldest first. */
  readonly calls: CallResource[];
  /** Every REST request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Every status callback sent or attempted, in the order they finished. */
  readonly callbacks: readonly CallbackRecord[];
  /** Runs the next progress step of every unfinished call, then waits for its callbacks. */
  advance(): Promise<void>;
  /** Resolves when no progress step or callback is pending. */
  settled(): Promise<void>;
  /** Forgets all calls, requests and callbacks and stops pending progress. */
  reset(): void;
  /** Stops all timers; pending progress is abandoned. */
  close(): void;
};

type Entry = {
  call: CallResource;
  form: URLSearchParams;
  steps: CallbackStatus[];
  /** Callbacks sent so far: the next SequenceNumber. */
  sent: number;
  delivery: Promise<void>;
};

const CREATE = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/;
const FETCH = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/;

/** Creates an emulator that accepts the given credentials and keeps its calls in memory. */
export const createTwilioEmulator = (options: TwilioEmulatorOptions): TwilioEmulator => {
  const { stepMs = 0, now = Date.now } = options;
  const send: SendCallback = options.sendCallback ?? ((url, init) => globalThis.fetch(url, init));
  const scheduler = createScheduler();
  let entries = new Map<string, Entry>();
  let requests: RecordedRequest[] = [];
  let callbacks: CallbackRecord[] = [];
  let generation = 0;
  let closed = false;

  // Progress does not wait for callbacks (Twilio's does not either); one call's callbacks go out in order.
  const runStep = (entry: Entry): void => {
    const status = entry.steps.shift();
    if (!status) return;
    const form = entry.form;
    applyStatus(entry.call, status, now(), answeredBy(form));
    const url = form.get("StatusCallback");
    const events = form.getAll("StatusCallbackEvent");
    const wanted = events.length > 0 ? events : ["completed"];
    if (!url || form.has("ApplicationSid") || !wanted.includes(eventOf(status))) return;
    const params = callbackParams(entry.call, status, entry.sent++, rfc2822(now()));
    const method = form.get("StatusCallbackMethod") === "GET" ? "GET" : "POST";
    const target = { url, method, event: eventOf(status), callSid: entry.call.sid } as const;
    const log = callbacks;
    entry.delivery = entry.delivery
      .then(() => sendStatusCallback(send, options.authToken, target, params))
      .then((record) => void log.push(record));
    scheduler.track(entry.delivery);
  };

  const drive = async (entry: Entry, mine: number): Promise<void> => {
    while (entry.steps.length > 0 && typeof stepMs === "number") {
      await scheduler.wait(stepMs);
      if (mine !== generation) return;
      runStep(entry);
    }
  };

  const create = (form: URLSearchParams): Response => {
    const problem = validateCreate(form) ?? destinationFor(form.get("To") ?? "").refuse;
    if (problem) return twilioError(problem.code, problem.message);
    const call = newCallResource(options.accountSid, form, now());
    const steps = stepsFor(destinationFor(call.to).outcome);
    const entry: Entry = { call, form, steps, sent: 0, delivery: Promise.resolve() };
    entries.set(call.sid, entry);
    if (typeof stepMs === "number" && !closed) scheduler.track(drive(entry, generation));
    return json(201, call);
  };

  const route = (request: Request, path: string, form: URLSearchParams): Response => {
    const match = CREATE.exec(path) ?? FETCH.exec(path);
    if (!match) return twilioError(20404, `The requested resource ${path} was not found`);
    if (!isAuthorized(options, request.headers.get("Authorization"), match[1] ?? "")) {
      return twilioError(20003, "Authenticate", { "WWW-Authenticate": 'Basic realm="Twilio API"' });
    }
    const wants = match[2] === undefined ? "POST" : "GET";
    if (request.method !== wants) {
      return twilioError(20004, "Method not allowed", { Allow: wants });
    }
    if (match[2] === undefined) return create(form);
    const entry = entries.get(match[2]);
    if (!entry) return twilioError(20404, `The requested resource ${path} was not found`);
    return json(200, entry.call);
  };

  return {
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      const form = new URLSearchParams(request.method === "POST" ? await request.text() : "");
      const response = route(request, path, form);
      requests.push({ method: request.method, path, form, status: response.status });
      return response;
    },
    get calls() {
      return [...entries.values()].map((entry) => structuredClone(entry.call));
    },
    get requests() {
      return requests;
    },
    get callbacks() {
      return callbacks;
    },
    advance: async () => {
      for (const entry of entries.values()) runStep(entry);
      await scheduler.settled();
    },
    settled: () => scheduler.settled(),
    reset: () => {
      generation++;
      scheduler.cancelAll();
      entries = new Map();
      requests = [];
      callbacks = [];
    },
    close: () => {
      closed = true;
      generation++;
      scheduler.cancelAll();
    },
  };
};
