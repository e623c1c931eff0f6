import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createTwilioEmulator,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
} from "./emulator.js";

/** Options of {@link serveTwilioEmulator}: where to listen, plus the emulator's own options. */
export type ServeOptions = TwilioEmulatorOptions & {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on; keep it on loopback. @default "127.0.0.1" */
  host?: string;
};

/** A running emulator server. */
export type ServedEmulator = {
  /** Base URL to give clients as `baseUrl`, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The emulator behind the server, for inspection. */
  emulator: TwilioEmulator;
  /** Stops the server and the emulator's timers. */
  close(): Promise<void>;
};

const toRequest = async (req: IncomingMessage, base: string): Promise<Request> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
};

const writeResponse = async (response: Response, res: ServerResponse): Promise<void> => {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
};

/** Serves a new emulator over HTTP (node:http) and resolves once it listens. */
export const serveTwilioEmulator = (options: ServeOptions): Promise<ServedEmulator> => {
  const { port = 0, host = "127.0.0.1", ...emulatorOptions } = options;
  const emulator = createTwilioEmulator(emulatorOptions);
  const server = createServer((req, res) => {
    const base = `http://${host}`;
    toRequest(req, base)
      .then((request) => emulator.fetch(request))
      .then((response) => writeResponse(response, res))
      .catch(() => {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ code: 20500, message: "Internal Server Error", status: 500 }));
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostPart}:${address.port}`,
        emulator,
        close: () =>
          new Promise<void>((done) => {
            emulator.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
};
