const digest = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

// Both sides are SHA-256 digests, so the lengths are equal and the loop reads every byte: the time
// taken says nothing about how much of a guess was right.
const sameDigest = (a: Uint8Array, b: Uint8Array): boolean => {
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
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
  const wanted = await digest(presented);
  let found: string | undefined;
  for (const key of keys) {
    const candidate = await digest(key);
    if (sameDigest(wanted, candidate) && found === undefined) found = hex(candidate).slice(0, 8);
  }
  return found === undefined ? undefined : `key:${found}`;
};

/** A short, stable, non-reversible label for a value such as an IP address. */
export const shortHash = async (text: string): Promise<string> =>
  hex(await digest(text)).slice(0, 12);
