import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterAll, beforeAll } from "vitest";
import { createClient, type TwilioClient } from "../../src/index.js";
import { ACCOUNT_SID, AUTH_TOKEN } from "./fake-fetch.js";

/** One request as the recorder saw it: method, path and query as sent, the body's form pairs. */
export type Recorded = { method: string; path: string; query: string[]; form: string[] };

type Reply = { status: number; body?: unknown };

/** Decoded `key=value` pairs, sorted: the multiset two encodings of the same params must share. */
export const pairs = (encoded: string): string[] =>
  [...new URLSearchParams(encoded)].map(([key, value]) => `${key}=${value}`).sort();

/**
 * A loopback stand-in for api.twilio.com that both clients talk to: the official one through its own
 * RequestClient with the host rewritten (so its real wire encoding is what is compared), ours through
 * `baseUrl`. `reply` picks each answer from the request.
 */
export const officialRecorder = () => {
  let server: Server;
  const state = {
    origin: "",
    requests: [] as Recorded[],
    reply: (_: Recorded): Reply => ({ status: 200, body: {} }),
  };
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const url = new URL(request.url ?? "/", "http://recorder");
        const recorded = {
          method: request.method ?? "",
          path: url.pathname,
          query: pairs(url.search),
          form: pairs(body),
        };
        state.requests.push(recorded);
        const { status, body: answer } = state.reply(recorded);
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(answer === undefined ? "" : JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const official = () => {
    const real = new twilio.RequestClient();
    return twilio(ACCOUNT_SID, AUTH_TOKEN, {
      httpClient: {
        request: (options: Parameters<typeof real.request>[0]) =>
          real.request({
            ...options,
            uri: options.uri.replace("https://api.twilio.com", state.origin),
          }),
      } as unknown as typeof real,
    });
  };
  const ours = () =>
    createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: state.origin });

  /** The requests each client made for the same operation: `[theirs, ours]`. */
  const both = async (run: (client: TwilioClient) => Promise<unknown>) => {
    state.requests = [];
    // Run against the official client through our types: the same code must work on both.
    const theirResult = await run(official() as unknown as TwilioClient);
    const theirs = state.requests;
    state.requests = [];
    const ourResult = await run(ours());
    return { theirs, ours: state.requests, theirResult, ourResult };
  };

  return { state, official, ours, both };
};

/** The data fields of an official resource instance: no `_…` internals, no methods. */
export const officialFields = (instance: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(instance).filter(
      ([key, value]) => !key.startsWith("_") && typeof value !== "function",
    ),
  );
