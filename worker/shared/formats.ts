/** Strict E.164: `+`, a non-zero digit, then 6-14 more digits; no spaces or separators. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** A Call SID: `CA` and 32 hex digits. */
export const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/** Whether `value` is a Call SID (anything else is never looked up or stored). */
export const isCallSid = (value: unknown): value is string =>
  typeof value === "string" && CALL_SID.test(value);
