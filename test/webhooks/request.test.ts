import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/shared/errors.js";
import { validateWebhookRequest, validateWebhookSignature } from "../../src/webhooks/index.js";
import { twilioSigns } from "./twilio-signs.js";

const authToken = "test-auth-token";
const publicUrl = "https://calls.example.com/v1/twilio/status?flow=demo";
const form = new URLSearchParams({
  CallSid: "CA0123456789abcdef0123456789abcdef",
  CallStatus: "ringing",
  To: "+15558675310",
  Caller: "+15017122661",
});

const formRequest = (url: string, signature: string | undefined, body = form) =>
  new Request(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(signature === undefined ? {} : { "X-Twilio-Signature": signature }),
    },
    body: body.toString(),
  });

describe("validateWebhookRequest", () => {
  const signature = twilioSigns(authToken, publicUrl, form);

  it("accepts a signed status callback and leaves the body readable", async () => {
    const request = formRequest(publicUrl, signature);
    expect(await validateWebhookRequest(request, { authToken })).toBe(true);
    expect((await request.formData()).get("CallStatus")).toBe("ringing");
  });

  it("refuses a missing header, a wrong token and a tampered body", async () => {
    expect(await validateWebhookRequest(formRequest(publicUrl, undefined), { authToken })).toBe(
      false,
    );
    expect(await validateWebhookRequest(formRequest(publicUrl, "garbage"), { authToken })).toBe(
      false,
    );
    expect(
      await validateWebhookRequest(formRequest(publicUrl, signature), { authToken: "other" }),
    ).toBe(false);
    const tampered = new URLSearchParams(form);
    tampered.set("CallStatus", "completed");
    expect(
      await validateWebhookRequest(formRequest(publicUrl, signature, tampered), { authToken }),
    ).toBe(false);
  });

  it("uses options.url when the handler sees another URL than Twilio requested", async () => {
    const seen = formRequest("http://127.0.0.1:8787/v1/twilio/status?flow=demo", signature);
    expect(await validateWebhookRequest(seen.clone(), { authToken })).toBe(false);
    expect(await validateWebhookRequest(seen, { authToken, url: publicUrl })).toBe(true);
  });

  it("validates a GET callback over its URL alone", async () => {
    const url = `${publicUrl}&CallStatus=completed`;
    const get = (sig: string) => new Request(url, { headers: { "X-Twilio-Signature": sig } });
    const signed = twilioSigns(authToken, url, new URLSearchParams());
    expect(await validateWebhookRequest(get(signed), { authToken })).toBe(true);
    expect(await validateWebhookRequest(get(signature), { authToken })).toBe(false);
  });

  it("accepts a request whose URL was re-encoded on the way (`'` as %27, port added)", async () => {
    const url = "https://calls.example.com/status?note=It's+fine";
    const sig = twilioSigns(authToken, url, form);
    const seen = formRequest("https://calls.example.com:443/status?note=It%27s+fine", sig);
    expect(await validateWebhookRequest(seen, { authToken })).toBe(true);
  });

  it("throws for setup mistakes, naming the field", async () => {
    const request = formRequest(publicUrl, signature);
    await expect(validateWebhookRequest(request, { authToken: " " })).rejects.toMatchObject({
      name: "TwilioValidationError",
      param: "authToken",
    });
    await expect(
      validateWebhookRequest(request, { authToken, url: "/v1/twilio/status" }),
    ).rejects.toMatchObject({ param: "url" });
    await request.text();
    await expect(validateWebhookRequest(request, { authToken })).rejects.toThrow(
      /request: its body was already read/,
    );
  });
});

describe("validateWebhookSignature: inputs", () => {
  it("throws TwilioValidationError for a missing or blank authToken", async () => {
    for (const token of [undefined, "", "  "]) {
      await expect(
        validateWebhookSignature({ authToken: token as string, signature: "x", url: publicUrl }),
      ).rejects.toBeInstanceOf(TwilioValidationError);
    }
  });

  it("gives false, never a throw, for garbage from the request", async () => {
    const garbage = [
      { signature: 42, url: publicUrl, params: {} },
      { signature: "x", url: 42, params: {} },
      { signature: "x", url: "not a url", params: {} },
      { signature: "x", url: publicUrl, params: { CallSid: 42 } },
      { signature: "x", url: publicUrl, params: "CallSid=CA1" },
      { signature: "x", url: "https://a.example/?\uD800=1", params: {} },
    ];
    for (const input of garbage) {
      const call = validateWebhookSignature({ authToken, ...input } as never);
      await expect(call).resolves.toBe(false);
    }
  });
});
