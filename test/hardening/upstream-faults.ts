import {
  created,
  type RecordedRequest,
  type Reply,
  twilioError,
} from "../worker/twilio-recorder.js";
import { delay } from "./seeded.js";

/** A misbehaviour of the Twilio stand-in, and what the proxy must make of it. */
export type Fault = {
  name: string;
  reply: (request: RecordedRequest, index: number) => Reply | Promise<Reply>;
  status: number;
  code?: string;
  /** Twilio requests for the one call: 2 only when Twilio said 429 (the core retries that once). */
  attempts: number;
  /** "released": Twilio created nothing; "kept": a call exists or may exist. */
  budget: "released" | "kept";
  timeoutMs?: number;
};

/** Each misbehaviour of Twilio, with what the proxy must answer and keep. */
export const FAULTS: Fault[] = [
  {
    name: "429 twice (busy)",
    reply: () => twilioError(429, 20429, "Too Many Requests", { "Retry-After": "0" }),
    status: 503,
    code: "upstream_busy",
    attempts: 2,
    budget: "released",
  },
  {
    name: "429, then a call",
    reply: (request, index) =>
      index === 0
        ? twilioError(429, 20429, "Too Many Requests", { "Retry-After": "0" })
        : created(request, index),
    status: 201,
    attempts: 2,
    budget: "kept",
  },
  {
    name: "400 (refused)",
    reply: () => twilioError(400, 21215, "Geo permissions do not allow this call"),
    status: 422,
    code: "upstream_refused",
    attempts: 1,
    budget: "released",
  },
  {
    name: "500",
    reply: () => twilioError(500, 20500, "Internal Server Error"),
    status: 502,
    code: "upstream_error",
    attempts: 1,
    budget: "kept",
  },
  {
    name: "503",
    reply: () => new Response("Service Unavailable", { status: 503 }),
    status: 502,
    code: "upstream_error",
    attempts: 1,
    budget: "kept",
  },
  {
    name: "no answer (timeout)",
    reply: () => "hang",
    status: 504,
    code: "upstream_timeout",
    attempts: 1,
    budget: "kept",
    timeoutMs: 300,
  },
  {
    name: "a 201 that arrives after the timeout",
    reply: async (request, index) => {
      await delay(600);
      return created(request, index);
    },
    status: 504,
    code: "upstream_timeout",
    attempts: 1,
    budget: "kept",
    timeoutMs: 300,
  },
  {
    // Far slower than a normal answer here (a few ms), yet a twentieth of the timeout.
    name: "a slow 201 within the timeout",
    reply: async (request, index) => {
      await delay(500);
      return created(request, index);
    },
    status: 201,
    attempts: 1,
    budget: "kept",
    timeoutMs: 10_000,
  },
  {
    name: "an HTML page with status 200",
    reply: () =>
      new Response("<html><body>Welcome to the hotel wifi</body></html>", {
        status: 200,
        headers: { "Content-Type": "text/html" },
      }),
    status: 502,
    code: "upstream_unreadable",
    attempts: 1,
    budget: "kept",
  },
  {
    name: "a reset connection",
    reply: () => "reset",
    status: 502,
    code: "upstream_unreachable",
    attempts: 1,
    budget: "kept",
  },
  {
    name: "a 201 cut off mid-body",
    reply: () => "cut",
    status: 502,
    code: "upstream_unreachable",
    attempts: 1,
    budget: "kept",
  },
];
