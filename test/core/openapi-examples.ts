import examples from "./fixtures/twilio-calls-examples.json" with { type: "json" };

type Json = Record<string, unknown>;

/** Twilio's example answers for one call: `fetch`, `update`, `cancel`, `posttwiml`, `updatetimelimit`, `create`… */
export const CALL_EXAMPLES = examples.call as Record<string, Json>;

/** Twilio's example pages of `GET Calls.json`: `readFullPage1`, `readFullPage2`, `readEmpty…`. */
export const PAGE_EXAMPLES = examples.page as Record<string, Json & { calls: Json[] }>;

/** The account and call SIDs the examples use. */
export const EXAMPLE_ACCOUNT_SID = `AC${"a".repeat(32)}`;
export const EXAMPLE_CALL_SID = `CA${"a".repeat(32)}`;
