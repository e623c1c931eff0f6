import { describe, expect, it } from "vitest";
import { createTwilioEmulator } from "../emulator/index.js";
import { ACCOUNT, BASE, basic, createRequest, KEY, SECRET, TOKEN, VALID } from "./helpers.js";

const emulator = () =>
  createTwilioEmulator({ accountSid: ACCOUNT, authToken: TOKEN, apiKey: KEY, apiSecret: SECRET });

const AUTHENTICATE = {
  code: 20003,
  message: "Authenticate",
  more_info: "https://www.twilio.com/docs/errors/20003",
  status: 401,
};

describe("emulator authentication", () => {
  it("accepts the account SID with its auth token, and the API key with its secret", async () => {
    const twilio = emulator();
    expect((await twilio.fetch(createRequest(VALID, basic(ACCOUNT, TOKEN)))).status).toBe(201);
    expect((await twilio.fetch(createRequest(VALID, basic(KEY, SECRET)))).status).toBe(201);
    expect(twilio.calls).toHaveLength(2);
  });

  it.each([
    ["no Authorization header", ""],
    ["a wrong auth token", basic(ACCOUNT, "nope")],
    ["a wrong API secret", basic(KEY, "nope")],
    ["the API key with the auth token", basic(KEY, TOKEN)],
    ["an unknown account", basic("AC99999999999999999999999999999999", TOKEN)],
    ["a malformed header", "Basic %%%"],
  ])("answers 401 Authenticate for %s and creates nothing", async (_, authorization) => {
    const twilio = emulator();
    const response = await twilio.fetch(createRequest(VALID, authorization));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(AUTHENTICATE);
    expect(twilio.calls).toHaveLength(0);
  });

  it("refuses valid credentials used on another account's path", async () => {
    const other = `${BASE}/2010-04-01/Accounts/AC99999999999999999999999999999999/Calls.json`;
    const response = await emulator().fetch(createRequest(VALID, basic(KEY, SECRET), other));
    expect(response.status).toBe(401);
  });

  it("answers 404 in Twilio's shape for a path it does not serve", async () => {
    const response = await emulator().fetch(new Request(`${BASE}/2010-04-01/Accounts.json`));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
  });

  it("answers 405 with Allow for a wrong method on the Calls list", async () => {
    const request = new Request(`${BASE}/2010-04-01/Accounts/${ACCOUNT}/Calls.json`, {
      method: "DELETE",
      headers: { Authorization: basic(ACCOUNT, TOKEN) },
    });
    const response = await emulator().fetch(request);
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, POST");
  });
});
