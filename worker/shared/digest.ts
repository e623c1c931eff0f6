const encoder = new TextEncoder();

/** SHA-256 of `text` (UTF-8). */
export const sha256 = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

/** Lower-case hex of `bytes`. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

/** SHA-256 of `text` as 64 lower-case hex digits. */
export const sha256Hex = async (text: string): Promise<string> => toHex(await sha256(text));

/** A short, stable, non-reversible label for a value such as an IP address: 12 hex digits. */
export const shortHash = async (text: string): Promise<string> =>
  (await sha256Hex(text)).slice(0, 12);
