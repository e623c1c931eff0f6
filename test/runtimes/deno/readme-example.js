import { createClient } from "npm:twilio-edge-calls";

const twilio = createClient({
  accountSid: Deno.env.get("TWILIO_ACCOUNT_SID"),
  authToken: Deno.env.get("TWILIO_AUTH_TOKEN"),
  baseUrl: Deno.env.get("TWILIO_BASE_URL"), // unset: Twilio itself; or a local emulator
});
const call = await twilio.calls.create({
  to: "+15558675310",
  from: "+15017122661",
  url: "https://demo.twilio.com/docs/voice.xml",
});
console.log(call.sid, call.status);
