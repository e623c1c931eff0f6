import { describe, expect, it } from "vitest";
import type { CallUpdateParams } from "../../src/index.js";
import { officialFields, officialRecorder } from "./official-recorder.js";
import { CALL_EXAMPLES, EXAMPLE_CALL_SID } from "./openapi-examples.js";

// The same operation through the official package and through ours, against one recorder: the same
// method, path, query and body multiset, and the same parsed result on Twilio's example answers.
const recorder = officialRecorder();
const { state, both } = recorder;
const CALL_PATH = `/2010-04-01/Accounts/AC${"a".repeat(32)}/Calls/${EXAMPLE_CALL_SID}.json`;

describe("calls(sid).update", () => {
  const cases: Record<string, [CallUpdateParams, string]> = {
    "cancel (Twilio's example)": [
      {
        fallbackMethod: "GET",
        fallbackUrl: "https://example.com",
        method: "GET",
        status: "canceled",
        statusCallback: "https://example.com",
        statusCallbackMethod: "GET",
        url: "https://example.com",
      },
      "cancel",
    ],
    "hang up": [{ status: "completed" }, "update"],
    "redirect to TwiML (Twilio's example)": [
      { twiml: "<Response><Say>Enjoy & <b>smile</b> — café</Say></Response>", method: "GET" },
      "posttwiml",
    ],
    "time limit (Twilio's example)": [{ timeLimit: 600 }, "updatetimelimit"],
    "redirect to a URL with a query": [
      {
        url: "https://example.com/next?a=1&b=two words",
        method: "POST",
        fallbackUrl: "https://example.com/f",
      },
      "update",
    ],
  };
  for (const [name, [params, example]] of Object.entries(cases)) {
    it(name, async () => {
      state.reply = () => ({ status: 200, body: CALL_EXAMPLES[example] });
      const { theirs, ours, theirResult, ourResult } = await both((client) =>
        client.calls(EXAMPLE_CALL_SID).update(params),
      );
      expect(theirs).toHaveLength(1);
      expect(ours).toEqual(theirs);
      expect(ours[0]).toMatchObject({ method: "POST", path: CALL_PATH });
      expect(ours[0]?.form.length).toBe(Object.keys(params).length);
      expect(ourResult).toEqual(officialFields(theirResult as object));
    });
  }
});
