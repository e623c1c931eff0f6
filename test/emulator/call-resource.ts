import type { CallStatus } from "../../src/calls/call.js";
import { formatEndpoint } from "./endpoints.js";

/** A call's status as the Call resource reports it. */
export type ResourceStatus = CallStatus;

/** The Call resource as Twilio's REST API returns it (snake_case JSON). */
export type CallResource = {
  sid: string;
  date_created: string;
  date_updated: string;
  parent_call_sid: string | null;
  account_sid: string;
  to: string;
  to_formatted: string;
  from: string;
  from_formatted: string;
  phone_number_sid: string | null;
  status: ResourceStatus;
  start_time: string | null;
  end_time: string | null;
  duration: string | null;
  price: string | null;
  price_unit: string;
  direction: "outbound-api";
  answered_by: string | null;
  api_version: "2010-04-01";
  forwarded_from: string | null;
  group_sid: string | null;
  caller_name: string | null;
  queue_time: string;
  trunk_sid: string | null;
  uri: string;
  subresource_uris: Record<string, string>;
};

const SUBRESOURCES: Record<string, string> = {
  notifications: "Notifications",
  recordings: "Recordings",
  payments: "Payments",
  events: "Events",
  siprec: "Siprec",
  streams: "Streams",
  transcriptions: "Transcriptions",
  user_defined_message_subscriptions: "UserDefinedMessageSubscriptions",
  user_defined_messages: "UserDefinedMessages",
};

/** A date as Twilio writes it: RFC 2822 in UTC, `Tue, 31 Aug 2010 20:36:28 +0000`. */
export const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace("GMT", "+0000");

/** A random SID: two-letter prefix and 32 lower-case hex digits. */
export const randomSid = (prefix: string): string =>
  prefix +
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");

/** The resource of a call just created from `form`, status `queued`. */
export const newCallResource = (accountSid: string, form: URLSearchParams, now: number) => {
  const sid = randomSid("CA");
  const base = `/2010-04-01/Accounts/${accountSid}/Calls/${sid}`;
  const to = form.get("To") ?? "";
  const from = form.get("From") ?? "";
  const resource: CallResource = {
    sid,
    date_created: rfc2822(now),
    date_updated: rfc2822(now),
    parent_call_sid: null,
    account_sid: accountSid,
    to,
    to_formatted: formatEndpoint(to),
    from,
    from_formatted: formatEndpoint(from),
    phone_number_sid: null,
    status: "queued",
    start_time: null,
    end_time: null,
    duration: null,
    price: null,
    price_unit: "USD",
    direction: "outbound-api",
    answered_by: null,
    api_version: "2010-04-01",
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: "0",
    trunk_sid: null,
    uri: `${base}.json`,
    subresource_uris: Object.fromEntries(
      Object.entries(SUBRESOURCES).map(([key, name]) => [key, `${base}/${name}.json`]),
    ),
  };
  return resource;
};
