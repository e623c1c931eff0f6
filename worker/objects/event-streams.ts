import { isFinalStatus } from "../../src/proxy-client/index.js";
import type { CallView } from "../twilio/call-status.js";

/** One Server-Sent Event of a call's status stream: its id counts the call's status changes. */
export type StatusEvent = { id: number; view: CallView };

/** A comment line is sent this often while a stream is open, so that proxies keep it. */
export const KEEP_ALIVE_MS = 15_000;

const encoder = new TextEncoder();

/** `id: <n>`, `event: status`, `data: <the view as one line of JSON>`, then a blank line. */
export const formatEvent = ({ id, view }: StatusEvent): Uint8Array =>
  encoder.encode(`id: ${id}\nevent: status\ndata: ${JSON.stringify(view)}\n\n`);

const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

type Subscriber = ReadableStreamDefaultController<Uint8Array>;

type Channel = { subscribers: Set<Subscriber>; timer: ReturnType<typeof setInterval> };

/**
 * The open status streams of each call, held by the object that records its status: {@link publish}
 * writes an event to every stream of the call, and a final status ends them. While a call has open
 * streams, a keep-alive comment goes out every {@link KEEP_ALIVE_MS} and `onTick` runs (the object
 * uses it to look the status up when callbacks have gone quiet).
 */
export class EventStreams {
  private readonly channels = new Map<string, Channel>();
  private readonly onTick: (sid: string) => void;

  constructor(onTick: (sid: string) => void = () => {}) {
    this.onTick = onTick;
  }

  /** How many streams of `sid` are open. */
  count(sid: string): number {
    return this.channels.get(sid)?.subscribers.size ?? 0;
  }

  /** A new stream of `sid` that starts with `first`; it ends at once when `first` is final. */
  subscribe(sid: string, first: StatusEvent): ReadableStream<Uint8Array> {
    let self: Subscriber | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        controller.enqueue(formatEvent(first));
        if (isFinalStatus(first.view.status)) controller.close();
        else this.add(sid, controller);
      },
      cancel: () => {
        if (self) this.remove(sid, self);
      },
    });
  }

  /** Writes `event` to every open stream of `sid`; a final status then closes them. */
  publish(sid: string, event: StatusEvent): void {
    const channel = this.channels.get(sid);
    if (!channel) return;
    const bytes = formatEvent(event);
    const final = isFinalStatus(event.view.status);
    for (const subscriber of channel.subscribers) {
      this.send(sid, subscriber, bytes);
      if (final) this.close(sid, subscriber);
    }
  }

  private add(sid: string, subscriber: Subscriber): void {
    let channel = this.channels.get(sid);
    if (!channel) {
      const timer = setInterval(() => this.tick(sid), KEEP_ALIVE_MS);
      channel = { subscribers: new Set(), timer };
      this.channels.set(sid, channel);
    }
    channel.subscribers.add(subscriber);
  }

  private tick(sid: string): void {
    for (const subscriber of this.channels.get(sid)?.subscribers ?? []) {
      this.send(sid, subscriber, KEEP_ALIVE);
    }
    if (this.channels.has(sid)) this.onTick(sid);
  }

  // A stream whose reader went away throws on enqueue: it is dropped.
  private send(sid: string, subscriber: Subscriber, bytes: Uint8Array): void {
    try {
      subscriber.enqueue(bytes);
    } catch {
      this.remove(sid, subscriber);
    }
  }

  private close(sid: string, subscriber: Subscriber): void {
    try {
      subscriber.close();
    } catch {
      // Already closed or errored: nothing left to end.
    }
    this.remove(sid, subscriber);
  }

  private remove(sid: string, subscriber: Subscriber): void {
    const channel = this.channels.get(sid);
    if (!channel?.subscribers.delete(subscriber) || channel.subscribers.size > 0) return;
    clearInterval(channel.timer);
    this.channels.delete(sid);
  }
}
