// Loopback port helpers: is a port free, and which free port the system hands out.
import { createServer } from "node:net";

/**
 * Listens on `port` (0: any) on 127.0.0.1 and closes again; resolves with the port, or undefined
 * when it is taken.
 * @param {number} port
 * @returns {Promise<number | undefined>}
 */
const probe = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address ? address.port : undefined),
      );
    });
  });

/** @param {number} port */
export const isPortFree = async (port) => (await probe(port)) === port;

/** A port that was free a moment ago. */
export const freePort = async () => {
  const port = await probe(0);
  if (port === undefined) throw new Error("no free loopback port");
  return port;
};
