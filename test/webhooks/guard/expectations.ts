import { expect } from "vitest";
import { guardRequests } from "./requests.js";

/** Sends every guard request through `send` and checks what a user relies on. */
export const expectGuardBehaviour = async (
  send: (url: string, init: RequestInit) => Promise<Response>,
): Promise<void> => {
  const requests = guardRequests();
  const valid = await send(requests.valid.url, requests.valid.init);
  expect(valid.status).toBe(200);
  expect(await valid.json()).toEqual({
    reply: {
      callSid: "CA0123456789abcdef0123456789abcdef",
      accountSid: "AC0123456789abcdef0123456789abcdef",
      callStatus: "completed",
      callDuration: 42,
      timestamp: "2010-08-31T20:36:28.000Z",
      sequenceNumber: 3,
      to: "+15558675310",
    },
    idempotencyToken: "token-1",
  });
  for (const name of [
    "forged",
    "unsigned",
    "tampered",
    "signedForLocalUrl",
    "jsonTampered",
  ] as const) {
    const refused = await send(requests[name].url, requests[name].init);
    expect(refused.status, name).toBe(403);
    expect(refused.headers.get("Content-Type"), name).toBe("application/problem+json");
    expect(await refused.json(), name).toMatchObject({ status: 403, title: "Invalid signature" });
  }
  const json = await send(requests.json.url, requests.json.init);
  expect(json.status).toBe(200);
  expect(await json.json()).toEqual({
    reply: { json: { CallSid: "CA1", event: "done" } },
    idempotencyToken: null,
  });
};
