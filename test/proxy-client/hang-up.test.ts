import { afterEach, describe, expect, it, vi } from "vitest";
import { createProxyClient, ProxyError } from "../../src/proxy-client/index.js";
import { scriptedFetch } from "../core/fake-fetch.js";
import { details, json, problem, SID } from "./fixtures.js";

const baseUrl = "https://calls.example.com";

afterEach(() => {
  vi.useRealTimers();
});

describe("hangUp", () => {
  it("POSTs to /v1/calls/{sid}/hangup with the bearer token and no body; resolves with the call", async () => {
    const { fetch, requests } = scriptedFetch(json(details("canceled")));
    const proxy = createProxyClient({ baseUrl, token: "user-jwt", fetch });
    const call = await proxy.hangUp(SID);
    expect(call).toEqual(details("canceled"));
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe(`${baseUrl}/v1/calls/${SID}/hangup`);
    expect(request?.method).toBe("POST");
    expect(request?.body).toBe("");
    expect(request?.headers.get("Authorization")).toBe("Bearer user-jwt");
    expect(request?.headers.get("Accept")).toBe("application/json");
  });

  it("encodes the sid into the path and refuses an empty one before any request", async () => {
    const { fetch, requests } = scriptedFetch(json(details("completed")));
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    await proxy.hangUp("CA../x?y");
    expect(requests[0]?.url).toBe(`${baseUrl}/v1/calls/CA..%2Fx%3Fy/hangup`);
    await expect(proxy.hangUp("")).rejects.toMatchObject({
      name: "TwilioValidationError",
      param: "sid",
    });
    expect(requests).toHaveLength(1);
  });

  it("retries a dropped connection (a hang-up is idempotent) and resolves with the one answer", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      new TypeError("Failed to fetch"),
      json(details("completed")),
    );
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const pending = proxy.hangUp(SID);
    await vi.runAllTimersAsync();
    expect((await pending).status).toBe("completed");
    expect(requests.map((request) => request.url)).toEqual([
      `${baseUrl}/v1/calls/${SID}/hangup`,
      `${baseUrl}/v1/calls/${SID}/hangup`,
    ]);
  });

  it("turns a refusal into a ProxyError: another caller's call, a call that ended meanwhile", async () => {
    const refusals = [
      problem(404, {
        title: "Call not found",
        detail: "No call with this SID was created by you.",
        code: "call_not_found",
      }),
      problem(409, {
        title: "Call already ended",
        detail: "Twilio refused the hang-up.",
        code: "call_ended",
        twilioCode: 21220,
      }),
    ];
    for (const refusal of refusals) {
      const { fetch, requests } = scriptedFetch(refusal);
      const proxy = createProxyClient({ baseUrl, token: "t", fetch });
      const error = await proxy.hangUp(SID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProxyError);
      const body = await refusal.clone().json();
      expect(error).toMatchObject(body);
      expect((error as Error).message).toBe(
        `POST /v1/calls/${SID}/hangup: ${body.title} (${body.detail})`,
      );
      expect(requests).toHaveLength(1);
    }
  });

  it("stops when aborted in flight", async () => {
    const { fetch, requests } = scriptedFetch(
      (request) =>
        new Promise((_resolve, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const proxy = createProxyClient({ baseUrl, token: "t", fetch });
    const controller = new AbortController();
    const pending = proxy.hangUp(SID, { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort("left");
    await expect(pending).rejects.toBe("left");
  });
});
