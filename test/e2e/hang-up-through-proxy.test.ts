import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProxyClient,
  type ProxyCallDetails,
  type ProxyCallStatus,
  ProxyError,
} from "../../src/proxy-client/index.js";
import { type StartedDemo, startDemo } from "./start-process.js";

// npm start, for real, with the proxy client in Node: statuses pushed over the proxy's event stream
// (wrangler dev streams it from the caller's Durable Object) and hang-ups of emulated calls.
const RINGS_UNTIL_HUNG_UP = "+14155550105";
const CONNECTED_UNTIL_HUNG_UP = "+14155550106";

let demo: StartedDemo;

beforeAll(async () => {
  demo = await startDemo({ EMULATOR_STEP_MS: "100" });
}, 60_000);

afterAll(async () => {
  await demo?.stop();
});

/** A client that records what it asked the proxy for, as `METHOD /path`. */
const recordingClient = (token = demo.config.apiKey) => {
  const sent: string[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return globalThis.fetch(request);
  };
  return { proxy: createProxyClient({ baseUrl: demo.origin, token, fetch }), sent };
};

/** Starts following `sid`; `reached(status)` resolves once the stream has reported that status. */
const follow = (proxy: ReturnType<typeof recordingClient>["proxy"], sid: string) => {
  const seen: ProxyCallStatus[] = [];
  const waiters = new Map<ProxyCallStatus, () => void>();
  const final = proxy.watchCall(sid, {
    interval: 50,
    maxInterval: 200,
    onStatus: (call: ProxyCallDetails) => {
      seen.push(call.status);
      waiters.get(call.status)?.();
    },
  });
  const reached = (status: ProxyCallStatus) =>
    seen.includes(status)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.set(status, resolve));
  return { final, seen, reached };
};

describe("npm start: hang-ups and pushed statuses through the proxy client", () => {
  it("hangs up a ringing call: it ends canceled, pushed over the one event stream", async () => {
    const { proxy, sent } = recordingClient();
    const call = await proxy.createCall({ to: RINGS_UNTIL_HUNG_UP });
    const watch = follow(proxy, call.sid);
    await watch.reached("ringing");
    const hungUp = await proxy.hangUp(call.sid);
    expect(hungUp).toMatchObject({ sid: call.sid, status: "canceled" });
    const final = await watch.final;
    expect(final.status).toBe("canceled");
    expect(watch.seen.at(-1)).toBe("canceled");
    expect(watch.seen).not.toContain("in-progress");
    const path = `/v1/calls/${call.sid}`;
    expect(sent).toEqual(["POST /v1/calls", `GET ${path}/events`, `POST ${path}/hangup`]);
  });

  it("hangs up an answered call: it ends completed; a second hang-up answers the same", async () => {
    const { proxy } = recordingClient();
    const call = await proxy.createCall({ to: CONNECTED_UNTIL_HUNG_UP });
    const watch = follow(proxy, call.sid);
    await watch.reached("in-progress");
    expect((await proxy.hangUp(call.sid)).status).toBe("completed");
    const final = await watch.final;
    expect(final).toMatchObject({ status: "completed", duration: expect.any(Number) });
    expect(watch.seen.slice(-2)).toEqual(["in-progress", "completed"]);
    expect(await proxy.hangUp(call.sid)).toEqual(final);
  });

  it("refuses a hang-up without the page's key (401) or of a call it does not know (404)", async () => {
    const { proxy } = recordingClient();
    const call = await proxy.createCall({ to: RINGS_UNTIL_HUNG_UP });
    const stranger = recordingClient("not-the-demo-key-at-all").proxy;
    await expect(stranger.hangUp(call.sid)).rejects.toMatchObject({ status: 401 });
    expect((await proxy.getCall(call.sid)).status).not.toMatch(/^(canceled|completed)$/);
    const unknown = await proxy.hangUp(`CA${"0".repeat(32)}`).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ProxyError);
    expect(unknown).toMatchObject({ status: 404, code: "call_not_found" });
    expect((await proxy.hangUp(call.sid)).status).toBe("canceled");
  });
});
