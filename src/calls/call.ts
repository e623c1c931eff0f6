/** A call's state, as Twilio reports it. */
export type CallStatus =
  | "queued"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "failed"
  | "no-answer"
  | "canceled";

/** Which way a call goes. */
export type CallDirection =
  | "inbound"
  | "outbound-api"
  | "outbound-dial"
  | "trunking-terminating"
  | "trunking-originating";

/** A Call resource, with the official `twilio` package's field names and value types. */
export type Call = {
  /** The call's SID (`CA…`). */
  sid: string;
  dateCreated: Date | null;
  dateUpdated: Date | null;
  parentCallSid: string | null;
  accountSid: string | null;
  to: string | null;
  toFormatted: string | null;
  from: string | null;
  fromFormatted: string | null;
  phoneNumberSid: string | null;
  status: CallStatus;
  startTime: Date | null;
  endTime: Date | null;
  /** Seconds, as a string; null until the call ends. */
  duration: string | null;
  /** The charge, as a string (for example `"-0.03000"`); null until Twilio has priced the call. */
  price: string | null;
  priceUnit: string | null;
  direction: CallDirection | null;
  answeredBy: string | null;
  apiVersion: string | null;
  forwardedFrom: string | null;
  groupSid: string | null;
  callerName: string | null;
  /** Milliseconds the call waited in Twilio's queue, as a string. */
  queueTime: string | null;
  trunkSid: string | null;
  uri: string | null;
  subresourceUris: Record<string, string> | null;
};

// RFC 2822 dates ("Tue, 31 Aug 2010 20:36:28 +0000") are what Date.parse reads in every runtime. The
// epoch is a date too: only NaN (null, missing, unreadable) becomes null.
const toDate = (value: unknown): Date | null => {
  const time = Date.parse(value as string);
  return Number.isNaN(time) ? null : new Date(time);
};

// Twilio's keys are the same few dozen on every answer: each is read once into its camelCase name and
// whether it holds one of the four dates, so parsing a call runs no regular expression.
const fields: Record<string, [name: string, isDate: boolean]> = Object.create(null);

/** Turns Twilio's JSON Call into a {@link Call}: camelCase keys, the four dates as `Date` or null. */
export const callFromJson = (json: unknown): Call => {
  const call: Record<string, unknown> = {};
  // A JSON answer that is no object (a string, null) has no fields.
  for (const key in (typeof json === "object" ? json : 0) as object) {
    const value = (json as Record<string, unknown>)[key];
    fields[key] ??= [
      key.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()),
      /^(date_created|date_updated|start_time|end_time)$/.test(key),
    ];
    const [name, isDate] = fields[key];
    call[name] = isDate ? toDate(value) : value;
  }
  return call as Call;
};
