// Step 4: the proxy worker in workerd (Miniflare) in front of the stand-in: the latency it adds to an
// accepted call, and how fast it refuses requests with a bad key.

import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { createClient } from "../dist/index.js";
import { bundleWorker } from "../test/worker/bundle-worker.js";
import { CREDENTIALS } from "./stand-in.js";
import { percentile } from "./stats.js";
import { formatMs, goal } from "./table.js";

const CALLS = 500;
const REFUSALS = { max: 5000, ms: 3000, concurrency: 16 };
const API_KEY = "pk_bench_0123456789abcdef";
const BAD_KEY = "pk_bench_wrong_key_000000";
const PUBLIC_URL = "http://127.0.0.1:8787";
const FROM = "+15017122661";
const FLOW = { url: "https://example.com/twiml" };

/** The worker with its Durable Objects; the stand-in is Twilio, and no quota refuses a bench call. */
const startWorker = async (origin) =>
  new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: await bundleWorker(),
      compatibilityDate: "2026-11-01",
      bindings: {
        TWILIO_ACCOUNT_SID: CREDENTIALS.accountSid,
        TWILIO_AUTH_TOKEN: CREDENTIALS.authToken,
        TWILIO_BASE_URL: origin,
        PUBLIC_URL,
        PROXY_API_KEYS: API_KEY,
        CALLER_IDS: FROM,
        CALL_FLOWS: JSON.stringify({ bench: FLOW }),
        ALLOWED_COUNTRIES: "US",
        LIMIT_CALLER_PER_MINUTE: "10000",
        LIMIT_CALLER_PER_DAY: "1000000",
        LIMIT_DESTINATION_PER_HOUR: "10000",
        LIMIT_GLOBAL_PER_DAY: "10000000",
      },
      durableObjects: {
        CALLERS: { className: "CallerObject", useSQLite: true },
        BUDGET: { className: "BudgetObject", useSQLite: true },
      },
      handleStructuredLogs: () => {}, // one JSON line per request: not wanted on the terminal
    }),
  );

/** A distinct valid US destination per call, so no per-destination quota comes into play. */
const destination = (n) => `+1415555${String(2000 + n).padStart(4, "0")}`;

/** `POST /v1/calls` to the proxy; fails unless the answer is `expected`. */
const proxyCaller = (url) => async (n, key, expected) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ to: destination(n) }),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`proxy: HTTP ${response.status} ${text}`);
};

/** The same call sent straight to the stand-in with this package, as a server without the proxy would. */
const directCaller = (origin) => {
  const { accountSid, authToken } = CREDENTIALS;
  const client = createClient({ accountSid, authToken, baseUrl: origin });
  return (n) =>
    client.calls.create({
      to: destination(n),
      from: FROM,
      url: FLOW.url,
      statusCallback: `${PUBLIC_URL}/v1/twilio/status`,
      statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
      statusCallbackMethod: "POST",
      timeLimit: 600,
      timeout: 30,
    });
};

const timed = async (send) => {
  const start = performance.now();
  await send();
  return performance.now() - start;
};

/** Runs step 4 against the stand-in at `origin` and returns its table rows. */
export const runProxy = async (origin) => {
  const mf = await startWorker(origin);
  try {
    const viaProxy = proxyCaller(new URL("/v1/calls", await mf.ready).href);
    const direct = directCaller(origin);
    for (let n = 0; n < 20; n++) await Promise.all([viaProxy(n, API_KEY, 201), direct(n)]);
    const [proxied, plain] = [[], []];
    for (let n = 20; n < 20 + CALLS; n++) {
      // Alternating, so that both see the same state of the machine.
      plain.push(await timed(() => direct(n)));
      proxied.push(await timed(() => viaProxy(n, API_KEY, 201)));
    }
    const oneRefusal = [];
    for (let n = 0; n < 100; n++) oneRefusal.push(await timed(() => viaProxy(n, BAD_KEY, 401)));
    let refused = 0;
    const start = performance.now();
    const flood = async () => {
      while (refused < REFUSALS.max && performance.now() - start < REFUSALS.ms) {
        refused++;
        await viaProxy(refused, BAD_KEY, 401);
      }
    };
    await Promise.all(Array.from({ length: REFUSALS.concurrency }, flood));
    const elapsed = performance.now() - start;

    const overhead = (p) => percentile(proxied, p) - percentile(plain, p);
    const latencyRow = (p) => ({
      figure: `proxy, added latency per accepted call, p${p} (${CALLS} calls)`,
      "this package": `+${formatMs(overhead(p))} (${formatMs(percentile(proxied, p))} via proxy)`,
      baseline: `${formatMs(percentile(plain, p))} direct`,
    });
    return [
      { ...latencyRow(50), ...goal("< 2 ms", overhead(50) < 2) },
      latencyRow(99),
      {
        figure: `proxy, refused requests (bad key, ${REFUSALS.concurrency} concurrent)`,
        "this package": `${Math.round(refused / (elapsed / 1000))}/s (${refused} in ${formatMs(elapsed)})`,
        baseline: `one at a time: p50 ${formatMs(percentile(oneRefusal, 50))}`,
      },
    ];
  } finally {
    await mf.dispose();
  }
};
