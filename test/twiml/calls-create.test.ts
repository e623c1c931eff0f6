import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { TwilioValidationError } from "../../src/shared/errors.js";
import { VoiceResponse } from "../../src/twiml/index.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  callJson,
  jsonResponse,
  scriptedFetch,
} from "../core/fake-fetch.js";

const CALL_SID = `CA${"b".repeat(32)}`;

const recordingClient = () => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson({ sid: CALL_SID })));
  const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
  return { client, requests };
};

const params = { to: "+15558675310", from: "+15017122661" };

describe("calls.create with a VoiceResponse as twiml", () => {
  it("sends the rendered document, escaped, as the Twiml form field", async () => {
    const { client, requests } = recordingClient();
    const response = new VoiceResponse();
    response.say({ voice: "alice" }, "Hello Tom & Jerry <3");
    response.dial().number("+15558675310");

    const call = await client.calls.create({ ...params, twiml: response });

    expect(call.sid).toBe(CALL_SID);
    expect(requests).toHaveLength(1);
    const form = new URLSearchParams(requests[0]?.body);
    expect(form.get("Twiml")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="alice">Hello Tom &amp; Jerry &lt;3</Say>' +
        "<Dial><Number>+15558675310</Number></Dial></Response>",
    );
  });

  it("refuses a VoiceResponse rendering over 4000 characters before any request", async () => {
    const { client, requests } = recordingClient();
    const response = new VoiceResponse();
    // Escaping counts: 790 "&" are 790 characters of input but 3950 of TwiML.
    response.say("&".repeat(790));
    expect(response.toString().length).toBeGreaterThan(4000);

    const attempt = client.calls.create({ ...params, twiml: response });

    await expect(attempt).rejects.toBeInstanceOf(TwilioValidationError);
    await expect(attempt).rejects.toMatchObject({ param: "twiml" });
    expect(requests).toHaveLength(0);
  });

  it("accepts a VoiceResponse of exactly 4000 characters", async () => {
    const { client, requests } = recordingClient();
    const response = new VoiceResponse();
    const empty = new VoiceResponse();
    empty.say("");
    // "<Say/>" becomes "<Say>" + text + "</Say>": 5 characters more than the empty form, plus the text.
    response.say("x".repeat(4000 - empty.toString().length - 5));
    expect(response.toString()).toHaveLength(4000);

    await client.calls.create({ ...params, twiml: response });

    expect(new URLSearchParams(requests[0]?.body).get("Twiml")).toBe(response.toString());
  });
});
