import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twilioWebhook } from "../../src/webhooks/index.js";
import { expectGuardBehaviour } from "./guard/expectations.js";
import { guardedHandler } from "./guard/guarded-handler.js";

describe("twilioWebhook in Node, behind a rewritten public URL", () => {
  it("runs the handler for a valid request only; forged, unsigned and tampered get 403", async () => {
    await expectGuardBehaviour((url, init) => guardedHandler(new Request(url, init)));
  });

  it("refuses a missing authToken when wrapping, and takes the options from a function", async () => {
    const handler = () => new Response("ok");
    expect(() => twilioWebhook(handler, { authToken: "" })).toThrow(/authToken/);
    const perRequest = twilioWebhook(
      (_request, _webhook, _env) => handler(),
      (_request, env: { TOKEN: string }) => ({ authToken: env.TOKEN }),
    );
    const unsigned = new Request("https://example.com/hook", { method: "POST", body: "a=1" });
    expect((await perRequest(unsigned, { TOKEN: "t" })).status).toBe(403);
  });
});

describe("twilioWebhook types", () => {
  it("passes a Worker's env, typed, to the options function and to the handler", async () => {
    const fetchHandler: (request: Request, env: { TOKEN: string }) => Promise<Response> =
      twilioWebhook(
        (_request, { params }, env) => new Response(`${params.CallSid} ${env.TOKEN.length}`),
        (_request, env: { TOKEN: string }) => ({ authToken: env.TOKEN }),
      );
    const forged = new Request("https://example.com/hook", {
      method: "POST",
      body: "CallSid=CA1",
      headers: { "X-Twilio-Signature": "Zm9yZ2Vk" },
    });
    expect((await fetchHandler(forged, { TOKEN: "t" })).status).toBe(403);
  });
});

describe("twilioWebhook in workerd", () => {
  let miniflare: Miniflare;
  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [fileURLToPath(new URL("./guard/worker.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      logLevel: "silent",
    });
    miniflare = new Miniflare(
      convertV4MiniflareOptions({
        modules: true,
        script: bundled.outputFiles[0]?.text ?? "",
        compatibilityDate: "2026-11-01",
      }),
    );
  });
  afterAll(() => miniflare?.dispose());

  it("runs the handler for a valid request only; forged, unsigned and tampered get 403", async () => {
    await expectGuardBehaviour(
      async (url, init) =>
        (await miniflare.dispatchFetch(url, init as never)) as unknown as Response,
    );
  });
});
