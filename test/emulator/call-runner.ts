import { type CallResource, rfc2822 } from "./call-resource.js";
import {
  type CallbackRecord,
  callbackParams,
  type SendCallback,
  sendStatusCallback,
} from "./callbacks.js";
import { applyStatus, type CallbackStatus, eventOf, type Step, stepsFor } from "./progress.js";
import type { Scheduler } from "./scheduler.js";
import { answeredBy, destinationFor } from "./special-destinations.js";

/** One call the emulator holds: its resource and what is left of its progress. */
export type CallEntry = {
  call: CallResource;
  /** The call's own copy of its parameters: the create's, with later updates applied. */
  form: URLSearchParams;
  steps: Step[];
  /** Callbacks sent so far: the next SequenceNumber. */
  sent: number;
  delivery: Promise<void>;
  /** Aborted when the call's scheduled progress must stop (hung up, re-planned, reset). */
  stop: AbortController;
  /** When the call was created, in epoch ms. */
  createdAt: number;
  /** When the call was answered, in epoch ms (for TimeLimit). */
  answeredAt: number;
  /** The earliest time it may leave `queued`, in epoch ms (calls-per-second pacing); 0 when unpaced. */
  dialAt: number;
};

/** What a {@link CallRunner} needs from its emulator. */
export type CallRunnerOptions = {
  stepMs: number | "manual";
  now: () => number;
  authToken: string;
  send: SendCallback;
  scheduler: Scheduler;
  /** The list the next callback record goes to (read when the callback is sent). */
  log: () => CallbackRecord[];
};

/** Moves calls through their steps, ends them on demand, and sends their status callbacks. */
export type CallRunner = {
  /** A new entry for a call just created from `form` (the form is copied). */
  entry(call: CallResource, form: URLSearchParams, createdAt: number, dialAt: number): CallEntry;
  /** Starts the scheduled progress of an entry (with a numeric `stepMs`; nothing when manual). */
  start(entry: CallEntry): void;
  /** Runs an entry's next step now, unless it holds (waits for a hang-up) or is not due to dial. */
  advance(entry: CallEntry): void;
  /** Ends a live call now with a final status: its scheduled progress stops. */
  end(entry: CallEntry, status: CallbackStatus): void;
  /** Plans the wait for the next step again, after a parameter it depends on changed. */
  replan(entry: CallEntry): void;
  /** Stops an entry's scheduled progress for good. */
  stop(entry: CallEntry): void;
};

/** A runner for one emulator. */
export const createCallRunner = (options: CallRunnerOptions): CallRunner => {
  const { stepMs, now, scheduler } = options;

  const notify = (entry: CallEntry, status: CallbackStatus): void => {
    const { form, call } = entry;
    const url = form.get("StatusCallback");
    const events = form.getAll("StatusCallbackEvent");
    const wanted = events.length > 0 ? events : ["completed"];
    if (!url || form.has("ApplicationSid") || !wanted.includes(eventOf(status))) return;
    const params = callbackParams(call, status, entry.sent++, rfc2822(now()));
    const method = form.get("StatusCallbackMethod") === "GET" ? "GET" : "POST";
    const target = { url, method, event: eventOf(status), callSid: call.sid } as const;
    const log = options.log();
    // One call's callbacks go out in order; progress does not wait for them (Twilio's does not either).
    entry.delivery = entry.delivery
      .then(() => sendStatusCallback(options.send, options.authToken, target, params))
      .then((record) => void log.push(record));
    scheduler.track(entry.delivery);
  };

  const move = (entry: CallEntry, status: CallbackStatus): void => {
    applyStatus(entry.call, status, now(), answeredBy(entry.form));
    if (status === "initiated" && entry.dialAt > 0) {
      // The wait beyond the emulator's own first step: the time the call spent in the pacing queue.
      const ready = entry.createdAt + (typeof stepMs === "number" ? stepMs : 0);
      entry.call.queue_time = String(Math.max(0, Math.round(now() - ready)));
    }
    if (status === "in-progress") entry.answeredAt = now();
    notify(entry, status);
  };

  // Milliseconds until the step is due, or null when the call holds until it is hung up.
  const delayOf = (entry: CallEntry, step: Step): number | null => {
    if (step.after === "step") {
      const due = (typeof stepMs === "number" ? stepMs : 0) + now();
      return Math.max(due, step.status === "initiated" ? entry.dialAt : 0) - now();
    }
    const seconds = entry.form.get(step.after);
    if (seconds === null) return null;
    const elapsed = step.after === "TimeLimit" ? now() - entry.answeredAt : 0;
    return Math.max(0, Number(seconds) * 1000 - elapsed);
  };

  const drive = async (entry: CallEntry): Promise<void> => {
    const { signal } = entry.stop;
    for (let step = entry.steps[0]; step; step = entry.steps[0]) {
      const delay = delayOf(entry, step);
      if (delay === null) return;
      await scheduler.wait(delay, signal);
      if (signal.aborted) return;
      entry.steps.shift();
      move(entry, step.status);
    }
  };

  const start = (entry: CallEntry): void => {
    if (typeof stepMs === "number") scheduler.track(drive(entry));
  };

  return {
    entry: (call, form, createdAt, dialAt) => ({
      call,
      form: new URLSearchParams(form),
      steps: stepsFor(destinationFor(call.to)),
      sent: 0,
      delivery: Promise.resolve(),
      stop: new AbortController(),
      createdAt,
      answeredAt: 0,
      dialAt,
    }),
    start,
    advance: (entry) => {
      const step = entry.steps[0];
      if (!step || delayOf(entry, step) === null) return;
      if (step.status === "initiated" && entry.dialAt > now()) return;
      entry.steps.shift();
      move(entry, step.status);
    },
    end: (entry, status) => {
      entry.stop.abort();
      entry.steps = [];
      move(entry, status);
    },
    replan: (entry) => {
      entry.stop.abort();
      entry.stop = new AbortController();
      start(entry);
    },
    stop: (entry) => entry.stop.abort(),
  };
};
