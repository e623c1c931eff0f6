// Step 3: time per calls.create against the stand-in, beside raw fetch and the official package.
import twilio from "twilio";
import { createClient } from "../dist/index.js";
import { CREDENTIALS } from "./stand-in.js";
import { median, spread } from "./stats.js";
import { formatMs, formatRatio, goal } from "./table.js";

const ROUNDS = 31;
const PARAMS = { to: "+15558675310", from: "+15017122661", url: "https://example.com/twiml" };
const { accountSid, authToken } = CREDENTIALS;

/** What a careful hand-written integration sends: the same URL, headers and form body. */
const raw = ({ origin, fetch }) => {
  const endpoint = `${origin}/2010-04-01/Accounts/${accountSid}/Calls.json`;
  const headers = {
    Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
    Accept: "application/json",
    "Content-Type": "application/x-www-form-urlencoded",
    "User-Agent": "twilio-edge-calls/0.1.0",
  };
  return async () => {
    const body = new URLSearchParams({ To: PARAMS.to, From: PARAMS.from, Url: PARAMS.url });
    const response = await fetch(endpoint, { method: "POST", headers, body: body.toString() });
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    return response.json();
  };
};

const ours = ({ origin, fetch }) => {
  const client = createClient({ accountSid, authToken, baseUrl: origin, fetch });
  return () => client.calls.create(PARAMS);
};

/** The official package; its own RequestClient (axios) sends to `origin` instead of Twilio. */
const official = ({ origin, requestClient }) => {
  const httpClient = {
    request: (options) =>
      requestClient.request({
        ...options,
        uri: options.uri.replace("https://api.twilio.com", origin),
      }),
  };
  const client = twilio(accountSid, authToken, { httpClient });
  return () => client.calls.create(PARAMS);
};

const CONTENDERS = { ours, raw, official };

/** Transports that answer in-process with `body`, so that only the libraries' own work is timed. */
const inProcess = (body) => {
  const requestClient = new twilio.RequestClient();
  requestClient.axios.defaults.adapter = async (config) => {
    const headers = { "content-type": "application/json" };
    return { data: body, status: 201, statusText: "Created", headers, config, request: {} };
  };
  const fetch = async () =>
    new Response(body, { status: 201, headers: { "Content-Type": "application/json" } });
  return { origin: "http://127.0.0.1:9", fetch, requestClient };
};

/** Milliseconds per call for `calls` calls made by `concurrency` loops in parallel. */
const timeRound = async (call, { calls, concurrency }) => {
  const loop = async () => {
    for (let i = 0; i < calls / concurrency; i++) await call();
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (performance.now() - start) / calls;
};

/** Median ms per call of each contender over alternating rounds, and its median ratio to raw fetch. */
const measure = async (transport, mode) => {
  const calls = Object.fromEntries(
    Object.entries(CONTENDERS).map(([n, make]) => [n, make(transport)]),
  );
  const names = Object.keys(calls);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await timeRound(calls[name], mode); // warm-up, opens connections
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of [...names.slice(round % 3), ...names.slice(0, round % 3)]) {
      samples[name].push(await timeRound(calls[name], mode));
    }
  }
  // Ratios are taken round by round, so a slow stretch of the machine hits both sides alike.
  const ratios = (name) => samples[name].map((ms, i) => ms / samples.raw[i]);
  const cell = (name) =>
    `${formatMs(median(samples[name]))} (${formatRatio(median(ratios(name)))})`;
  return {
    ours: cell("ours"),
    official: cell("official"),
    raw: formatMs(median(samples.raw)),
    ratio: median(ratios("ours")),
    spread: spread(ratios("ours")),
  };
};

/** Runs step 3 against the stand-in at `origin` and returns its table rows. */
export const runPerCall = async (origin) => {
  const loopback = { origin, fetch: globalThis.fetch, requestClient: new twilio.RequestClient() };
  const answer = await raw(loopback)();
  const modes = [
    { name: "sequential", transport: loopback, calls: 100, concurrency: 1, goal: 1.05 },
    { name: "16 concurrent", transport: loopback, calls: 320, concurrency: 16, goal: 1.05 },
    {
      name: "in-process answer",
      transport: inProcess(JSON.stringify(answer)),
      calls: 1000,
      concurrency: 1,
      goal: 1.5,
    },
  ];
  const rows = [];
  for (const mode of modes) {
    const result = await measure(mode.transport, mode);
    rows.push({
      figure: `per call, ${mode.name} (median of ${ROUNDS} rounds x ${mode.calls})`,
      "this package": result.ours,
      official: result.official,
      baseline: `${result.raw} raw fetch`,
      ratio: `${formatRatio(result.ratio)} raw fetch (rounds ${result.spread})`,
      ...goal(`<= ${mode.goal.toFixed(2)}x raw fetch`, result.ratio <= mode.goal),
    });
  }
  return rows;
};
