/** The credentials the emulator accepts, like one Twilio account. */
export type EmulatorCredentials = {
  /** The main account SID (`AC` + 32 hex): the only account in the emulator. */
  accountSid: string;
  /** The account's Auth Token: accepted with `accountSid` and used to sign status callbacks. */
  authToken: string;
  /** An API key SID (`SK` + 32 hex) also accepted, with `apiSecret`. */
  apiKey?: string;
  /** The secret of `apiKey`. */
  apiSecret?: string;
};

/** Decodes an HTTP Basic `Authorization` header as UTF-8, as Twilio does; undefined if malformed. */
const decodeBasic = (header: string | null): [string, string] | undefined => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  try {
    const bytes = Uint8Array.from(atob(match[1]), (char) => char.charCodeAt(0));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const colon = text.indexOf(":");
    return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return undefined;
  }
};

/**
 * Whether `header` authenticates for the account in the request path: the account SID with its
 * Auth Token, or the API key with its secret, and the path's account is the configured one.
 */
export const isAuthorized = (
  credentials: EmulatorCredentials,
  header: string | null,
  pathAccountSid: string,
): boolean => {
  const pair = decodeBasic(header);
  if (!pair || pathAccountSid !== credentials.accountSid) return false;
  const [user, password] = pair;
  if (user === credentials.accountSid) return password === credentials.authToken;
  return (
    credentials.apiKey !== undefined &&
    user === credentials.apiKey &&
    password === credentials.apiSecret
  );
};
