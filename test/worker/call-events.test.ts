import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeCall, sendCallback } from "./callbacks.js";
import { API_KEY, APP_ORIGIN, OTHER_API_KEY, PUBLIC_URL, usNumber } from "./fixtures.js";
import { scanForSecrets, startProxy, type TestProxy } from "./harness.js";

scanForSecrets();

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startProxy({ env: { LIMIT_CALLER_PER_MINUTE: "100" } });
});
afterAll(() => proxy.close());

type Event = { id: string; event: string; data: Record<string, unknown> };

/**
 * Opens `GET /v1/calls/{sid}/events` and reads it as it arrives: `next()` resolves with the next
 * event (comments skipped), or null once the stream has ended.
 */
const openStream = async (sid: string, key = API_KEY) => {
  const response = await proxy.mf.dispatchFetch(`${PUBLIC_URL}/v1/calls/${sid}/events`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  let raw = "";
  const next = async (): Promise<Event | null> => {
    for (;;) {
      const end = buffered.indexOf("\n\n");
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (block.startsWith(":")) continue;
        const field = (name: string) =>
          block
            .split("\n")
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? "";
        return { id: field("id"), event: field("event"), data: JSON.parse(field("data")) };
      }
      const chunk = await reader?.read();
      if (!chunk || chunk.done) return null;
      const text = decoder.decode(chunk.value, { stream: true });
      raw += text;
      buffered += text;
    }
  };
  return { response, next, raw: () => raw };
};

describe("GET /v1/calls/{sid}/events", () => {
  it("streams each status once, in order, from the current one, and ends after the final one", async () => {
    const { sid, callbackUrl } = await placeCall(proxy, usNumber(1));
    const stream = await openStream(sid);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-store");
    const first = await stream.next();
    expect(first).toMatchObject({ id: "1", event: "status", data: { sid, status: "queued" } });
    const send = (status: string, options = {}) =>
      sendCallback(proxy, callbackUrl, sid, status, options);
    expect((await send("initiated", { token: "a" })).status).toBe(204);
    expect((await send("ringing", { token: "b" })).status).toBe(204);
    expect(await stream.next()).toMatchObject({ id: "2", data: { status: "ringing" } });
    // A forged callback, a retry of the last one and a late ringing add nothing.
    expect((await send("failed", { signature: "Zm9yZ2Vk" })).status).toBe(403);
    expect((await send("ringing", { token: "b" })).status).toBe(204);
    expect((await send("in-progress", { token: "c", extra: { AnsweredBy: "human" } })).status).toBe(
      204,
    );
    expect((await send("ringing", { token: "d" })).status).toBe(204);
    expect(await stream.next()).toMatchObject({
      id: "3",
      data: { status: "in-progress", answeredBy: "human" },
    });
    expect((await send("completed", { token: "e", extra: { CallDuration: "12" } })).status).toBe(
      204,
    );
    expect(await stream.next()).toMatchObject({
      id: "4",
      data: { status: "completed", duration: 12 },
    });
    expect(await stream.next(), "the stream ends after the final status").toBeNull();
    const ids = [...stream.raw().matchAll(/^id: (\d+)$/gm)].map((match) => match[1]);
    expect(ids).toEqual(["1", "2", "3", "4"]);
  });

  it("writes each event as id, event and one line of the call's JSON view", async () => {
    const { sid, callbackUrl } = await placeCall(proxy, usNumber(2));
    await sendCallback(proxy, callbackUrl, sid, "busy");
    const stream = await openStream(sid);
    const view = (
      await proxy.fetch(`/v1/calls/${sid}`, { headers: { Authorization: `Bearer ${API_KEY}` } })
    ).json();
    expect(await stream.next()).toMatchObject({ data: { status: "busy" } });
    expect(await stream.next(), "a final call's stream ends at once").toBeNull();
    expect(stream.raw()).toBe(`id: 2\nevent: status\ndata: ${JSON.stringify(view)}\n\n`);
  });

  it("is the owner's only: another caller gets 404, no credentials 401", async () => {
    const { sid } = await placeCall(proxy, usNumber(3));
    const other = await proxy.fetch(`/v1/calls/${sid}/events`, {
      headers: { Authorization: `Bearer ${OTHER_API_KEY}` },
    });
    expect(other.status).toBe(404);
    expect(other.json().code).toBe("call_not_found");
    expect((await proxy.fetch(`/v1/calls/${sid}/events`)).status).toBe(401);
    expect(
      (
        await proxy.fetch(`/v1/calls/CA${"0".repeat(32)}/events`, {
          headers: { Authorization: `Bearer ${API_KEY}` },
        })
      ).status,
    ).toBe(404);
  });

  it("answers CORS for allowed origins, as GET /v1/calls/{sid} does", async () => {
    const { sid, callbackUrl } = await placeCall(proxy, usNumber(4));
    await sendCallback(proxy, callbackUrl, sid, "completed");
    const allowed = await proxy.fetch(`/v1/calls/${sid}/events`, {
      headers: { Authorization: `Bearer ${API_KEY}`, Origin: APP_ORIGIN },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    const refused = await proxy.fetch(`/v1/calls/${sid}/events`, {
      headers: { Authorization: `Bearer ${API_KEY}`, Origin: "https://evil.example" },
    });
    expect(refused.status).toBe(403);
  });

  it("holds at most 10 open streams per call; the final status ends them all", async () => {
    const { sid, callbackUrl } = await placeCall(proxy, usNumber(5));
    const open = [];
    for (let n = 0; n < 10; n++) {
      const stream = await openStream(sid);
      expect(stream.response.status).toBe(200);
      await stream.next();
      open.push(stream);
    }
    const refused = await openStream(sid);
    expect(refused.response.status).toBe(429);
    expect(await refused.next()).toBeNull();
    expect(JSON.parse(refused.raw())).toMatchObject({ code: "too_many_streams" });
    await sendCallback(proxy, callbackUrl, sid, "completed");
    for (const stream of open) {
      expect((await stream.next())?.data.status).toBe("completed");
      expect(await stream.next()).toBeNull();
    }
  });
});
