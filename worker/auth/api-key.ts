import { sha256, toHex } from "../shared/digest.js";

// Both sides are SHA-256 digests, so the lengths are equal and the loop reads every byte: the time
// taken says nothing about how much of a guess was right.
const sameDigest = (a: Uint8Array, b: Uint8Array): boolean => {
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
};

// The config (and so its key list) lives as long as the isolate: hash the keys once, not per request.
const digests = new WeakMap<readonly string[], Promise<Uint8Array[]>>();

const digestsOf = (keys: readonly string[]): Promise<Uint8Array[]> => {
  let known = digests.get(keys);
  if (!known) {
    known = Promise.all(keys.map(sha256));
    digests.set(keys, known);
  }
  return known;
};

/**
 * The caller id (`key:` + 8 hex digits of the key's SHA-256) of the configured key equal to
 * `presented`, or undefined. Every key is compared, in constant time; the id survives reordering or
 * rotating the other keys.
 */
export const matchApiKey = async (
  presented: string,
  keys: readonly string[],
): Promise<string | undefined> => {
  const wanted = await sha256(presented);
  let found: Uint8Array | undefined;
  for (const candidate of await digestsOf(keys)) {
    if (sameDigest(wanted, candidate) && found === undefined) found = candidate;
  }
  return found === undefined ? undefined : `key:${toHex(found).slice(0, 8)}`;
};
