// What the proxy answers, for test/core's scriptedFetch to play back.
import { jsonResponse } from "../core/fake-fetch.js";

/** A JSON answer of the proxy; 200 unless told otherwise. */
export const json = (body: unknown, status = 200, headers?: Record<string, string>) =>
  jsonResponse(body, status, headers);

/** An RFC 9457 problem answer of the proxy. */
export const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });

export const SID = "CA0123456789abcdef0123456789abcdef";

export const created = {
  sid: SID,
  status: "queued",
  to: "+15558675310",
  from: "+15017122661",
  flow: "demo",
  createdAt: "2026-04-14T10:00:00.000Z",
};

export const details = (status: string) => ({
  ...created,
  status,
  updatedAt: "2026-04-14T10:00:05.000Z",
  duration: status === "completed" ? 42 : null,
  answeredBy: null,
});
