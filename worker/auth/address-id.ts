import { toHex } from "../shared/digest.js";

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

const hmacKey = (secret: string): Promise<CryptoKey> => {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(secret, key);
  }
  return key;
};

/**
 * A stable, non-reversible label for a client address: 12 hex digits of HMAC-SHA-256 keyed with a
 * server secret. A plain hash would not do: there are only 2^32 IPv4 addresses, so anyone reading
 * the logs could hash them all and find the address behind a label.
 */
export const addressId = async (address: string, secret: string): Promise<string> => {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(address));
  return toHex(new Uint8Array(mac)).slice(0, 12);
};
