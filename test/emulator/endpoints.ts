/** What kind of endpoint a `To`/`From` value names, or undefined when it is none of them. */
export type EndpointKind = "phone" | "client" | "sip";

const PATTERNS: [EndpointKind, RegExp][] = [
  ["phone", /^\+[1-9]\d{1,14}$/],
  ["client", /^client:[A-Za-z0-9_.\-@]{1,256}$/],
  ["sip", /^sip:[^@\s]+@[A-Za-z0-9.-]+(:\d{1,5})?(;[^\s]*)?$/],
];

/** Classifies a `To`/`From` value: an E.164 phone number, `client:name` or `sip:user@host`. */
export const endpointKind = (value: string): EndpointKind | undefined =>
  PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];

/** Display form as Twilio gives it: North American numbers as `(415) 867-5309`, others unchanged. */
export const formatEndpoint = (value: string): string => {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(value);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : value;
};
