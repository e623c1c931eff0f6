import { createHash } from "node:crypto";
import { twilioSigns } from "../twilio-signs.js";
import { AUTH_TOKEN, PUBLIC_ORIGIN } from "./constants.js";

const PATH = "/hooks/status?flow=demo";
/** The origin the handler sees: a local port behind a tunnel that rewrites the host. */
export const LOCAL_ORIGIN = "http://127.0.0.1:8788";

export const FORM = new URLSearchParams({
  CallSid: "CA0123456789abcdef0123456789abcdef",
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  CallStatus: "completed",
  CallDuration: "42",
  Timestamp: "Tue, 31 Aug 2010 20:36:28 +0000",
  SequenceNumber: "3",
  To: "+15558675310",
});

const post = (path: string, body: string, headers: Record<string, string>) => ({
  url: `${LOCAL_ORIGIN}${path}`,
  init: { method: "POST", body, headers },
});

/** Requests a test sends to the guarded handler, each with the status it must get. */
export const guardRequests = () => {
  const signature = twilioSigns(AUTH_TOKEN, PUBLIC_ORIGIN + PATH, FORM);
  const tampered = new URLSearchParams(FORM);
  tampered.set("CallStatus", "busy");
  const json = '{"CallSid":"CA1","event":"done"}';
  const hash = createHash("sha256").update(json).digest("hex");
  const jsonPath = `/hooks/json?bodySHA256=${hash}`;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  return {
    valid: post(PATH, FORM.toString(), {
      ...form,
      "X-Twilio-Signature": signature,
      "I-Twilio-Idempotency-Token": "token-1",
    }),
    forged: post(PATH, FORM.toString(), {
      ...form,
      "X-Twilio-Signature": "Zm9yZ2VkIHNpZ25hdHVyZQ==",
    }),
    unsigned: post(PATH, FORM.toString(), form),
    tampered: post(PATH, tampered.toString(), { ...form, "X-Twilio-Signature": signature }),
    signedForLocalUrl: post(PATH, FORM.toString(), {
      ...form,
      "X-Twilio-Signature": twilioSigns(AUTH_TOKEN, LOCAL_ORIGIN + PATH, FORM),
    }),
    json: post(jsonPath, json, {
      "Content-Type": "application/json",
      "X-Twilio-Signature": twilioSigns(AUTH_TOKEN, PUBLIC_ORIGIN + jsonPath, {}),
    }),
    jsonTampered: post(jsonPath, json.replace("done", "undone"), {
      "Content-Type": "application/json",
      "X-Twilio-Signature": twilioSigns(AUTH_TOKEN, PUBLIC_ORIGIN + jsonPath, {}),
    }),
  };
};
