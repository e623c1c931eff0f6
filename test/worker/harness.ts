import type { IncomingMessage, ServerResponse } from "node:http";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, expect } from "vitest";
import { bundleWorker } from "./bundle-worker.js";
import { API_KEY, BASE_ENV, PUBLIC_URL, SECRETS, TWILIO_HOST } from "./fixtures.js";
import { jwks } from "./tokens.js";
import { createTwilioRecorder, type RecordedRequest } from "./twilio-recorder.js";

let bundled: Promise<string> | undefined;

/** The worker bundle, built once per file. */
const bundledWorker = (): Promise<string> => {
  bundled ??= bundleWorker();
  return bundled;
};

/** Every response body and log line of this file, scanned for secrets when the file is done. */
const seen: string[] = [];
/** Set by {@link scanForSecrets}: a file that starts a proxy must have its output scanned. */
let scanning = false;

const bodyOf = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

const siteverify = (form: URLSearchParams): Response => {
  const success = form.get("secret") === "1x0000000000000000000000000000000AA";
  return Response.json({ success, "error-codes": success ? [] : ["invalid-input-response"] });
};

/** A response from the proxy, read once (the body is kept for the secret scan). */
export type ProxyResponse = {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
};

export type ProxyOptions = {
  /** Settings to change; `undefined` removes a setting. */
  env?: Record<string, string | undefined>;
};

/**
 * Starts the worker in workerd (Miniflare) with SQLite-backed Durable Objects. Every outbound request
 * is routed here: Twilio's host to a scripted recorder, Turnstile siteverify and the JWKS to small
 * fakes, anything else is recorded as unexpected (and fails the test via `expectNoStrayRequests`).
 */
export const startProxy = async (options: ProxyOptions = {}) => {
  if (!scanning) {
    throw new Error("Call scanForSecrets() at the top of this test file before starting a proxy.");
  }
  const twilio = createTwilioRecorder();
  const logs: string[] = [];
  const unexpected: string[] = [];
  const outbound = async (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host ?? "";
    const path = request.url?.replace(/^\/+/, "/") ?? "/";
    const text = await bodyOf(request);
    const reply = async (): Promise<Response | "reset" | "cut"> => {
      if (host === TWILIO_HOST) {
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        );
        const recorded: RecordedRequest = {
          method: request.method ?? "GET",
          path,
          headers,
          form: new URLSearchParams(text),
        };
        return twilio.handle(recorded);
      }
      if (host === "challenges.cloudflare.com" && path === "/turnstile/v0/siteverify") {
        return siteverify(new URLSearchParams(text));
      }
      if (host === "auth.test" && path === "/.well-known/jwks.json") return Response.json(jwks);
      unexpected.push(`${request.method} ${host}${path}`);
      return new Response("unexpected outbound request", { status: 418 });
    };
    const answer = await reply();
    if (answer === "reset") {
      request.socket.destroy();
      return;
    }
    if (answer === "cut") {
      // Headers and the start of a 201 arrive, then the connection drops mid-body.
      response.writeHead(201, { "Content-Type": "application/json", "Content-Length": "4096" });
      response.write('{"sid":"CA', () => request.socket.destroy());
      return;
    }
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  };
  const bindings = Object.fromEntries(
    Object.entries({ ...BASE_ENV, ...options.env }).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: await bundledWorker(),
      compatibilityDate: "2026-11-01",
      bindings,
      durableObjects: {
        CALLERS: { className: "CallerObject", useSQLite: true },
        BUDGET: { className: "BudgetObject", useSQLite: true },
        CALLS: { className: "CallObject", useSQLite: true },
      },
      outboundService: { node: outbound },
      handleStructuredLogs: (log) => {
        logs.push(log.message);
        seen.push(log.message);
      },
    }),
  );
  let dispatched = 0;
  /** Waits (up to 5 s) until the worker's log line for request number `count` has arrived. */
  const logsArrived = async (count: number) => {
    for (let waited = 0; logs.length < count && waited < 5_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const fetch = async (path: string, init: RequestInit = {}): Promise<ProxyResponse> => {
    const response = await mf.dispatchFetch(new URL(path, PUBLIC_URL).href, init as never);
    // Counted once answered: a request that fetch refused to send never reached the worker.
    const count = ++dispatched;
    const text = await response.text();
    // Log lines reach Node after the response does; each request writes exactly one.
    await logsArrived(count);
    seen.push(text, JSON.stringify([...response.headers]));
    return {
      status: response.status,
      headers: response.headers as unknown as Headers,
      text,
      json: () => JSON.parse(text),
    };
  };
  /** `POST /v1/calls` with a JSON body, authenticated with `key` (or the headers given). */
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

export type TestProxy = Awaited<ReturnType<typeof startProxy>>;

/** Every value that must never leave the proxy: the secrets, each API key, the Basic credentials. */
const secretValues = (): string[] => {
  const values = Object.values(SECRETS).flatMap((value) => [value, ...value.split(",")]);
  const basic = (user: string, password: string) =>
    Buffer.from(`${user}:${password}`).toString("base64");
  values.push(
    basic(BASE_ENV.TWILIO_API_KEY ?? "", SECRETS.TWILIO_API_SECRET),
    basic(BASE_ENV.TWILIO_ACCOUNT_SID ?? "", SECRETS.TWILIO_AUTH_TOKEN),
  );
  return values;
};

/** The items of `items` that contain a configured secret (empty when nothing leaks). */
export const leaksIn = (items: readonly string[]): string[] => {
  const secrets = secretValues();
  return items.filter((item) => secrets.some((secret) => item.includes(secret)));
};

/** Every response body, response header list and log line this file's proxies produced so far. */
export const seenSoFar = (): readonly string[] => seen;

/** Registers the file-level check: no response or log line of this file holds a secret. */
export const scanForSecrets = (): void => {
  scanning = true;
  afterAll(() => {
    expect(seen.length).toBeGreaterThan(0);
    for (const secret of secretValues()) {
      const leaks = seen.filter((item) => item.includes(secret));
      expect(leaks, "responses or logs that contain a secret").toEqual([]);
    }
  });
};
