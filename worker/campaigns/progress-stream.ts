const encoder = new TextEncoder();

/** At most one progress event per this many ms: a 50 calls/s campaign does not send 200 a second. */
const PUSH_EVERY_MS = 250;
/** A comment line this often keeps idle connections (a paused campaign) open through proxies. */
const KEEP_ALIVE_MS = 15_000;
/** Open progress streams a single campaign may have at once (as many as a call's status streams). */
export const MAX_STREAMS_PER_CAMPAIGN = 10;

/**
 * The server-sent event streams of one campaign, shaped like a call's status stream: `id: <n>`
 * (counting the pushes), `event: progress`, the campaign's view as one line of JSON in `data`;
 * pushed when something changed (coalesced), and closed once nothing can change any more.
 */
export const progressStreams = <View>(current: () => { view: View; settled: boolean }) => {
  const writers = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let pushes = 0;

  const send = (writer: WritableStreamDefaultWriter<Uint8Array>, text: string) => {
    writer.write(encoder.encode(text)).catch(() => {
      writers.delete(writer);
    });
  };

  const stopIfIdle = () => {
    if (writers.size > 0 || keepAlive === undefined) return;
    clearInterval(keepAlive);
    keepAlive = undefined;
  };

  const push = () => {
    pending = undefined;
    const { view, settled } = current();
    const event = `id: ${++pushes}\nevent: progress\ndata: ${JSON.stringify(view)}\n\n`;
    for (const writer of writers) {
      send(writer, event);
      if (settled) {
        writers.delete(writer);
        writer.close().catch(() => undefined);
      }
    }
    stopIfIdle();
  };

  return {
    /** A new stream that starts with the current progress; undefined when the campaign has its most. */
    open(): ReadableStream<Uint8Array> | undefined {
      if (writers.size >= MAX_STREAMS_PER_CAMPAIGN) return undefined;
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const writer = writable.getWriter();
      writers.add(writer);
      keepAlive ??= setInterval(() => {
        for (const each of writers) send(each, ": keep-alive\n\n");
      }, KEEP_ALIVE_MS);
      push();
      return readable;
    },
    /** Something changed: push soon (once per interval, however many changes). */
    changed(): void {
      if (writers.size === 0 || pending !== undefined) return;
      pending = setTimeout(push, PUSH_EVERY_MS);
    },
  };
};
