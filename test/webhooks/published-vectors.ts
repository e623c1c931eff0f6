// Twilio's published webhook test material (spec/twilio-facts.md, and the official package's own
// validation tests): one auth token, one URL, one set of parameters, one JSON body.
export const AUTH_TOKEN = "12345";
export const URL_SIGNED = "https://mycompany.com/myapp.php?foo=1&bar=2";
export const PARAMS = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+14158675309",
  Digits: "1234",
  From: "+14158675309",
  To: "+18005551212",
};
export const JSON_BODY = '{"property": "value", "boolean": true}';
export const JSON_BODY_SHA256 = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
