import { type CallResource, newCallResource, rfc2822 } from "./call-resource.js";
import { type CallEntry, createCallRunner } from "./call-runner.js";
import { type CallbackRecord, redeliverCallback, type SendCallback } from "./callbacks.js";
import { type CreateCounts, type CreateRecord, countCreates } from "./create-log.js";
import { type EmulatorCredentials, isAuthorized } from "./credentials.js";
import { ERROR_CODES } from "./error-codes.js";
import { listPage, parseListQuery } from "./list-calls.js";
import { createPacer } from "./pacing.js";
import { isFinal } from "./progress.js";
import { json, noContent, twilioError } from "./respond.js";
import { ALLOWED_METHODS, matchRoute } from "./routes.js";
import { createScheduler } from "./scheduler.js";
import { destinationFor } from "./special-destinations.js";
import { applyUpdateParams, planUpdate } from "./update-call.js";
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
  /**
   * The account's calls per second: calls created faster wait in `queued` for their slot, as Twilio
   * queues them, and report the wait in `queue_time` (ms). With `"manual"` steps a call leaves the
   * queue on the first `advance()` at or after its slot (by `now`). Unlimited when not set.
   * @default undefined
   * @example createTwilioEmulator({ ...credentials, callsPerSecond: 50 })
   */
  callsPerSecond?: number;
};

/** One REST request the emulator received. */
export type RecordedRequest = {
  method: string;
  path: string;
  /** The form body of a POST (empty for other methods). */
  form: URLSearchParams;
  /** The query string's parameters (a list request's filters and paging). */
  query: URLSearchParams;
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
  /** Every create request answered (refused ones too, with their status), oldest first. */
  readonly creates: readonly CreateRecord[];
  /**
   * Counts of the calls created: in total, per `To`, duplicates, per aligned window of `windowMs` and
   * the most in any sliding window of `windowMs` (to check a pacer never exceeds its rate).
   * @example expect(emulator.createCounts().maxInAnyWindow).toBeLessThanOrEqual(50)
   */
  createCounts(windowMs?: number): CreateCounts;
  /**
   * Sends a recorded callback once more, unchanged (same signature and `I-Twilio-Idempotency-Token`),
   * as when Twilio delivers a webhook twice; the new attempt is recorded in `callbacks` too.
   */
  redeliver(callback: CallbackRecord): Promise<CallbackRecord>;
  /**
   * Runs the next progress step of every unfinished call, then waits for its callbacks. A call that
   * holds (`+14155550105` ringing, `+14155550106` connected, without a Timeout or TimeLimit to end
   * them) stays as it is, and so does a paced call whose slot has not come (see `callsPerSecond`).
   */
  advance(): Promise<void>;
  /** Resolves when no progress step or callback is pending. */
  settled(): Promise<void>;
  /** Forgets all calls, requests and callbacks and stops pending progress. */
  reset(): void;
  /** Stops all timers; pending progress is abandoned. */
  close(): void;
};

/** Creates an emulator that accepts the given credentials and keeps its calls in memory. */
export const createTwilioEmulator = (options: TwilioEmulatorOptions): TwilioEmulator => {
  const { stepMs = 0, now = Date.now } = options;
  const send: SendCallback = options.sendCallback ?? ((url, init) => globalThis.fetch(url, init));
  const scheduler = createScheduler();
  let pacer = createPacer(options.callsPerSecond);
  let creates: CreateRecord[] = [];
  let entries = new Map<string, CallEntry>();
  let requests: RecordedRequest[] = [];
  let callbacks: CallbackRecord[] = [];
  let closed = false;
  const runner = createCallRunner({
    stepMs,
    now,
    authToken: options.authToken,
    send,
    scheduler,
    log: () => callbacks,
  });

  const notFound = (path: string) =>
    twilioError(20404, `The requested resource ${path} was not found`);

  const create = (form: URLSearchParams): Response => {
    const to = form.get("To") ?? "";
    const problem = validateCreate(form) ?? destinationFor(to).refuse;
    if (problem) {
      creates.push({ sid: null, to, at: now(), status: ERROR_CODES[problem.code] });
      return twilioError(problem.code, problem.message);
    }
    const at = now();
    const call = newCallResource(options.accountSid, form, at);
    const entry = runner.entry(
      call,
      form,
      at,
      pacer.slot(at + (typeof stepMs === "number" ? stepMs : 0)),
    );
    entries.set(call.sid, entry);
    creates.push({ sid: call.sid, to, at, status: 201 });
    if (!closed) runner.start(entry);
    return json(201, call);
  };

  const update = (entry: CallEntry, form: URLSearchParams): Response => {
    const plan = planUpdate(entry.call.status, form);
    if ("code" in plan) return twilioError(plan.code, plan.message);
    applyUpdateParams(entry.form, form);
    if (plan.end) {
      runner.end(entry, plan.end);
    } else {
      if (plan.redirect) entry.call.date_updated = rfc2822(now());
      if (form.has("TimeLimit") && entry.steps[0]?.after === "TimeLimit" && !closed) {
        runner.replan(entry);
      }
    }
    return json(200, entry.call);
  };

  const remove = (entry: CallEntry): Response => {
    if (!isFinal(entry.call.status)) {
      return twilioError(20009, "Cannot delete this resource before it is complete");
    }
    runner.stop(entry);
    entries.delete(entry.call.sid);
    return noContent();
  };

  // Newest first, as Twilio lists them; calls created in the same millisecond, latest first.
  const newestFirst = (): CallResource[] =>
    [...entries.values()]
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => b.entry.createdAt - a.entry.createdAt || b.index - a.index)
      .map(({ entry }) => entry.call);

  const list = (path: string, query: URLSearchParams): Response => {
    const parsed = parseListQuery(query);
    if ("code" in parsed) return twilioError(parsed.code, parsed.message);
    return json(200, listPage(path, newestFirst(), parsed));
  };

  const route = (request: Request, url: URL, form: URLSearchParams): Response => {
    const path = url.pathname;
    const match = matchRoute(path);
    if (!match) return notFound(path);
    if (!isAuthorized(options, request.headers.get("Authorization"), match.accountSid)) {
      return twilioError(20003, "Authenticate", { "WWW-Authenticate": 'Basic realm="Twilio API"' });
    }
    const allowed = ALLOWED_METHODS[match.kind];
    if (!allowed.includes(request.method)) {
      return twilioError(20004, "Method not allowed", { Allow: allowed.join(", ") });
    }
    if (match.kind === "calls") {
      return request.method === "POST" ? create(form) : list(path, url.searchParams);
    }
    const entry = entries.get(match.sid);
    if (!entry) return notFound(path);
    if (request.method === "POST") return update(entry, form);
    if (request.method === "DELETE") return remove(entry);
    return json(200, entry.call);
  };

  const stopAll = () => {
    for (const entry of entries.values()) runner.stop(entry);
    scheduler.cancelAll();
  };

  return {
    fetch: async (request) => {
      const url = new URL(request.url);
      const form = new URLSearchParams(request.method === "POST" ? await request.text() : "");
      const response = route(request, url, form);
      const { pathname: path, searchParams: query } = url;
      requests.push({ method: request.method, path, form, query, status: response.status });
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
    get creates() {
      return creates;
    },
    createCounts: (windowMs) => countCreates(creates, windowMs),
    redeliver: async (callback) => {
      const log = callbacks;
      const record = await redeliverCallback(send, callback);
      log.push(record);
      return record;
    },
    advance: async () => {
      for (const entry of entries.values()) runner.advance(entry);
      await scheduler.settled();
    },
    settled: () => scheduler.settled(),
    reset: () => {
      stopAll();
      entries = new Map();
      requests = [];
      callbacks = [];
      creates = [];
      pacer = createPacer(options.callsPerSecond);
    },
    close: () => {
      closed = true;
      stopAll();
    },
  };
};
