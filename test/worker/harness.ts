import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { expect } from "vitest";
import { bundleWorker } from "./bundle-worker.js";
import { type DataPoint, dataPointOf, FAKE_METRICS_WRAPPER } from "./fake-metrics.js";
import { API_KEY, BASE_ENV, PUBLIC_URL } from "./fixtures.js";
import { createOutbound, type OutboundOverride } from "./outbound.js";
import { remember, requireScan } from "./secret-scan.js";
import { createTwilioRecorder } from "./twilio-recorder.js";

export { leaksIn, scanForSecrets, seenSoFar } from "./secret-scan.js";

let bundled: Promise<string> | undefined;

/** The worker bundle, built once per file. */
const bundledWorker = (): Promise<string> => {
  bundled ??= bundleWorker({ wrapper: FAKE_METRICS_WRAPPER });
  return bundled;
};

/** A response from the proxy, read once (the body is kept for the secret scan). */
export type ProxyResponse = {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
};

/** How {@link startProxy} sets the proxy up. */
export type ProxyOptions = {
  /** Settings to change (a number as wrangler.toml would give it); `undefined` removes one. */
  env?: Record<string, string | number | undefined>;
  /** Answers outbound requests before the fakes do, for example to take a host down. */
  outbound?: OutboundOverride;
  /** A folder for the Durable Objects' storage, so that a second proxy can take over the first one's. */
  persist?: string;
};

/**
 * Starts the worker in workerd (Miniflare) with SQLite-backed Durable Objects. Every outbound request
 * is routed to the fakes of `outbound.ts`: Twilio's host to a scripted recorder, Turnstile siteverify
 * and the JWKS to small fakes, anything else is recorded as unexpected (and fails the test on close).
 */
export const startProxy = async (options: ProxyOptions = {}) => {
  requireScan();
  const twilio = createTwilioRecorder();
  const logs: string[] = [];
  /** The Analytics Engine data points written, one per request (see fake-metrics.ts). */
  const dataPoints: DataPoint[] = [];
  const unexpected: string[] = [];
  const bindings = Object.fromEntries(
    Object.entries({ ...BASE_ENV, ...options.env }).filter(([, value]) => value !== undefined),
  ) as Record<string, string | number>;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: await bundledWorker(),
      compatibilityDate: "2026-11-01",
      bindings,
      durableObjects: {
        CALLERS: { className: "CallerObject", useSQLite: true },
        BUDGET: { className: "BudgetObject", useSQLite: true },
        CAMPAIGNS: { className: "CampaignObject", useSQLite: true },
        PACERS: { className: "PacerObject", useSQLite: true },
      },
      outboundService: { node: createOutbound(twilio, unexpected, options.outbound) },
      ...(options.persist ? { resourcePersistencePath: options.persist } : {}),
      handleStructuredLogs: (log) => {
        remember(log.message);
        const point = dataPointOf(log.message);
        if (point) return void dataPoints.push(point);
        logs.push(log.message);
      },
    }),
  );
  let dispatched = 0;
  /** Waits (up to 5 s) until request number `count`'s log line and data point have arrived. */
  const logsArrived = async (count: number) => {
    const arrived = () => logs.length >= count && dataPoints.length >= count;
    for (let waited = 0; !arrived() && waited < 5_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  /** Sends a request to the proxy (`path` relative to PUBLIC_URL) and reads its answer. */
  const fetch = async (path: string, init: RequestInit = {}): Promise<ProxyResponse> => {
    const response = await mf.dispatchFetch(new URL(path, PUBLIC_URL).href, init as never);
    // Counted once answered: a request that fetch refused to send never reached the worker.
    const count = ++dispatched;
    const text = await response.text();
    // Log lines reach Node after the response does; each request writes exactly one.
    await logsArrived(count);
    remember(text, JSON.stringify([...response.headers]));
    return {
      status: response.status,
      headers: response.headers as unknown as Headers,
      text,
      json: () => JSON.parse(text),
    };
  };
  /** `POST /v1/calls` with a JSON body, authenticated with `API_KEY` (or the headers given). */
  const createCall = (
    body: unknown,
    headers: Record<string, string> = { Authorization: `Bearer ${API_KEY}` },
  ) =>
    fetch("/v1/calls", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  return {
    mf,
    fetch,
    createCall,
    twilio,
    logs,
    dataPoints,
    unexpected,
    /** The parsed JSON log lines written so far. */
    logLines: () =>
      logs
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      twilio.release();
      await mf.dispose();
      expect(unexpected, "outbound requests to unexpected hosts").toEqual([]);
    },
  };
};

/** A running proxy, as {@link startProxy} returns it. */
export type TestProxy = Awaited<ReturnType<typeof startProxy>>;
