import { describe, expect, it } from "vitest";
import { readCapped } from "../../worker/http/body.js";
import { ProblemError } from "../../worker/http/problem.js";

const streamed = (chunks: number, size: number) =>
  new Request("https://proxy.test/v1/calls", {
    method: "POST",
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size).fill(32));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);

describe("readCapped", () => {
  it("stops a streamed body without Content-Length at the cap with a 413", async () => {
    const error = await readCapped(streamed(10, 1000), 4096).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("reads a streamed body up to the cap", async () => {
    expect(await readCapped(streamed(4, 1024), 4096)).toBe(" ".repeat(4096));
  });

  it("refuses at once when Content-Length is over the cap", async () => {
    const request = new Request("https://proxy.test/", {
      method: "POST",
      body: "x",
      headers: { "Content-Length": "5000" },
    });
    await expect(readCapped(request, 4096)).rejects.toBeInstanceOf(ProblemError);
  });
});
