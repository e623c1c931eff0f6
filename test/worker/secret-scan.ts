import { afterAll, expect } from "vitest";
import { BASE_ENV, SECRETS } from "./fixtures.js";

/** Every response body, header list and log line of this file, scanned when the file is done. */
const seen: string[] = [];
/** Set by {@link scanForSecrets}: a file that starts a proxy must have its output scanned. */
let scanning = false;

/** Adds what a proxy answered or logged to this file's scan. */
export const remember = (...items: string[]): void => {
  seen.push(...items);
};

/** Throws unless this file registered the scan: no proxy may run unwatched. */
export const requireScan = (): void => {
  if (!scanning) {
    throw new Error("Call scanForSecrets() at the top of this test file before starting a proxy.");
  }
};

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
