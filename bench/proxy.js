// Step 4: the proxy worker in workerd (Miniflare) in front of the stand-in: the latency it adds to an
// accepted call, the Durable Object round trips it makes for one, and how fast it refuses requests
// with a bad key. Run alone with `npm run bench:proxy` (after `npm run build`);
// `npm run bench:proxy -- --against <another checkout>` also runs that checkout's worker (its own
// bundle and Durable Objects), each call interleaved with this one's, for a before/after on one load.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { createClient } from "../dist/index.js";
import { countingEntry, durableObjectBindings, ROUND_TRIPS_PATH } from "./round-trips.js";
import { CREDENTIALS, startStandIn } from "./stand-in.js";
import { percentile } from "./stats.js";
import { formatMs, goal, textTable } from "./table.js";

const CALLS = 500;
const REFUSALS = { max: 12000, ms: 3000, concurrency: 16 };
const GOALS = { p50Ms: 2.5, p99Ms: 6, refusalsPerSecond: 3000 };
const API_KEY = "pk_bench_0123456789abcdef";
const BAD_KEY = "pk_bench_wrong_key_000000";
const PUBLIC_URL = "http://127.0.0.1:8787";
const FROM = "+15017122661";
const FLOW = { url: "https://example.com/twiml" };

/**
 * Where the Durable Objects' SQLite files live: in memory (tmpfs) where the machine has one, since
 * on a disk every storage commit the objects wait for is an fsync of the machine's disk (about 0.5 ms
 * each here, three per accepted call), which measures the disk rather than the proxy; `disk` is
 * measured too, in its own row. Undefined: Miniflare's default, the temporary folder.
 */
const storageFolder = (storage) =>
  storage === "memory" && existsSync("/dev/shm")
    ? mkdtempSync(join("/dev/shm", "proxy-bench-"))
    : undefined;

/**
 * The worker of the checkout at `tree` with the Durable Objects its wrangler.toml binds, bundled by its
 * own recipe, behind the entry that counts round trips; the stand-in is Twilio, and no quota refuses
 * a bench call. `folder`: where its storage lives.
 */
const startWorker = async (origin, tree, folder) => {
  const bindings = durableObjectBindings(new URL("wrangler.toml", tree));
  const { bundleWorker } = await import(new URL("test/worker/bundle-worker.js", tree).href);
  return new Miniflare(
    convertV4MiniflareOptions({
      modules: [
        { type: "ESModule", path: "entry.js", contents: countingEntry(Object.values(bindings)) },
        { type: "ESModule", path: "worker.js", contents: await bundleWorker() },
      ],
      compatibilityDate: "2026-11-01",
      ...(folder ? { resourcePersistencePath: folder } : {}),
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
      durableObjects: Object.fromEntries(
        Object.entries(bindings).map(([name, className]) => [name, { className, useSQLite: true }]),
      ),
      // One JSON line per request is not wanted on the terminal.
      handleStructuredLogs: () => {},
    }),
  );
};

/** A distinct valid US destination per call, so no per-destination quota comes into play. */
const destination = (n) => `+1415555${String(2000 + n).padStart(4, "0")}`;

/**
 * `POST /v1/calls` to the proxy with fetch, as the direct call is sent; fails unless the answer is
 * `expected`. `identity`: Miniflare's entry gzips an `application/json` answer when the client
 * accepts it, as Cloudflare's edge would, and the stand-in never does; so the direct call never pays
 * for (de)compression and the proxied one must not either. An accepted call carries an
 * Idempotency-Key, as every call of the package's proxy client does.
 */
const proxyCaller = (url) => {
  const call = async (n, key, expected) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${key}`,
        "Content-Type": "application/json",
        "Accept-Encoding": "identity",
        ...(expected === 201 ? { "Idempotency-Key": `bench-call-${n}` } : {}),
      },
      body: JSON.stringify({ to: destination(n) }),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`proxy: HTTP ${response.status} ${text}`);
  };
  return Object.assign(call, { url });
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

/**
 * A bad-key `POST /v1/calls` over node:http with kept-alive sockets: a flood measures the server, and
 * Node's fetch alone costs more CPU per request than the proxy takes to refuse one (on the same cores).
 */
const refusalSender = (url) => {
  const agent = new Agent({ keepAlive: true, maxSockets: REFUSALS.concurrency });
  const body = JSON.stringify({ to: destination(0) });
  const headers = { Authorization: `Bearer ${BAD_KEY}`, "Content-Type": "application/json" };
  return () =>
    new Promise((resolve, reject) => {
      const sent = request(url, { method: "POST", agent, headers }, (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode === 401
            ? resolve()
            : reject(new Error(`proxy: HTTP ${response.statusCode} to a bad key`)),
        );
      });
      sent.on("error", reject);
      sent.end(body);
    });
};

/** Refusals per second from `send` at {@link REFUSALS}' concurrency, with the count and time. */
const flood = async (send) => {
  let sent = 0;
  const start = performance.now();
  const sender = async () => {
    while (sent < REFUSALS.max && performance.now() - start < REFUSALS.ms) {
      sent++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: REFUSALS.concurrency }, sender));
  const elapsed = performance.now() - start;
  return { perSecond: sent / (elapsed / 1000), sent, elapsed };
};

/**
 * The floor of a refusal in this harness: a worker that only reads the body, writes one log line
 * and answers 401, flooded the same way on the same machine.
 */
const floorWorker = () =>
  new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      compatibilityDate: "2026-11-01",
      script: `export default { async fetch(request) {
        await request.text();
        console.log(JSON.stringify({ time: new Date().toISOString(), status: 401 }));
        return new Response('{"code":"credentials_invalid"}', { status: 401, headers: { "Content-Type": "application/problem+json" } });
      } };`,
      handleStructuredLogs: () => {},
    }),
  );

const timed = async (send) => {
  const start = performance.now();
  await send();
  return performance.now() - start;
};

/** The round trips a worker counted so far, by `BINDING.method`. */
const roundTrips = async (worker) => {
  const response = await fetch(new URL(ROUND_TRIPS_PATH, worker.call.url));
  return response.json();
};

/** One worker under measurement: its caller, its timings and the round trips it made. */
const measured = async (origin, { tree = new URL("../", import.meta.url), storage = "memory" }) => {
  const folder = storageFolder(storage);
  const mf = await startWorker(origin, tree, folder);
  const call = proxyCaller(new URL("/v1/calls", await mf.ready).href);
  const dispose = async () => {
    await mf.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
  return { dispose, call, times: [], trips: {}, storage: folder ? "memory" : "disk" };
};

const spread = (values) =>
  `p25-p75 ${formatMs(percentile(values, 25))}-${formatMs(percentile(values, 75))}`;

/** The figures of one worker: added latency (p50 with the goal, p99) and round trips per call. */
const workerRows = (worker, plain, label, judged = false) => {
  const overhead = (p) => percentile(worker.times, p) - percentile(plain, p);
  const latencyRow = (p) => ({
    figure: `proxy${label}, added latency per accepted call, p${p} (${CALLS} calls)`,
    "this package": `+${formatMs(overhead(p))} (${formatMs(percentile(worker.times, p))} via proxy)`,
    baseline: `${formatMs(percentile(plain, p))} direct`,
  });
  const total = Object.values(worker.trips).reduce((sum, count) => sum + count, 0);
  return [
    {
      ...latencyRow(50),
      ...(judged ? goal(`<= ${GOALS.p50Ms} ms`, overhead(50) <= GOALS.p50Ms) : {}),
    },
    {
      ...latencyRow(99),
      ...(judged ? goal(`< ${GOALS.p99Ms} ms`, overhead(99) < GOALS.p99Ms) : {}),
    },
    {
      figure: `proxy${label}, Durable Object round trips per accepted call`,
      "this package": `${(total / CALLS).toFixed(2)} (${Object.entries(worker.trips)
        .map(([trip, count]) => `${trip} ${(count / CALLS).toFixed(2)}`)
        .join(", ")})`,
    },
  ];
};

/**
 * Runs step 4 against the stand-in at `origin` and returns its table rows; with `against` (a
 * checkout's folder URL), that checkout's worker is measured too, its calls interleaved with ours.
 */
export const runProxy = async (origin, { against } = {}) => {
  const workers = [await measured(origin, {})];
  if (against) workers.push(await measured(origin, { tree: against }));
  const onDisk =
    workers[0].storage === "disk" ? undefined : await measured(origin, { storage: "disk" });
  if (onDisk) workers.push(onDisk);
  const [mine] = workers;
  const loadBefore = loadavg()[0];
  try {
    const direct = directCaller(origin);
    for (let n = 0; n < 20; n++) {
      await Promise.all([direct(n), ...workers.map((worker) => worker.call(n, API_KEY, 201))]);
    }
    const plain = [];
    const before = await Promise.all(workers.map(roundTrips));
    for (let n = 20; n < 20 + CALLS; n++) {
      // Alternating, so that all see the same state of the machine.
      plain.push(await timed(() => direct(n)));
      const order = n % 2 ? workers : [...workers].reverse();
      for (const worker of order)
        worker.times.push(await timed(() => worker.call(n, API_KEY, 201)));
    }
    for (const [index, worker] of workers.entries()) {
      const after = await roundTrips(worker);
      for (const [trip, count] of Object.entries(after)) {
        const made = count - (before[index][trip] ?? 0);
        if (made > 0) worker.trips[trip] = made;
      }
    }
    const loadAfter = loadavg()[0];
    const viaProxy = mine.call;
    const oneRefusal = [];
    for (let n = 0; n < 100; n++) oneRefusal.push(await timed(() => viaProxy(n, BAD_KEY, 401)));
    const refusals = await flood(refusalSender(mine.call.url));
    const floor = floorWorker();
    let floorRate;
    try {
      floorRate = (await flood(refusalSender(new URL("/v1/calls", await floor.ready).href)))
        .perSecond;
    } finally {
      await floor.dispose();
    }

    return [
      ...workerRows(mine, plain, mine.storage === "memory" ? " (storage in memory)" : "", true),
      ...(against ? workerRows(workers[1], plain, ` (against ${against.pathname})`) : []),
      ...(onDisk ? workerRows(onDisk, plain, " (same, storage on this machine's disk)") : []),
      {
        figure: "proxy, noise: spread of the timings, machine load",
        "this package": `via proxy ${spread(mine.times)}`,
        baseline: `direct ${spread(plain)}; 1-min load ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}`,
      },
      {
        figure: `proxy, refused requests (bad key, ${REFUSALS.concurrency} concurrent)`,
        "this package": `${Math.round(refusals.perSecond)}/s (${refusals.sent} in ${formatMs(refusals.elapsed)})`,
        baseline: `a worker that only answers 401: ${Math.round(floorRate)}/s; one at a time: p50 ${formatMs(percentile(oneRefusal, 50))}`,
        ...goal(`>= ${GOALS.refusalsPerSecond}/s`, refusals.perSecond >= GOALS.refusalsPerSecond),
      },
    ];
  } finally {
    for (const worker of workers) await worker.dispose();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const flag = process.argv.indexOf("--against");
  const against = flag > 0 ? pathToFileURL(`${process.argv[flag + 1]}/`) : undefined;
  const standIn = await startStandIn();
  try {
    console.log(textTable(await runProxy(standIn.url, { against })));
  } finally {
    await standIn.close();
  }
}
