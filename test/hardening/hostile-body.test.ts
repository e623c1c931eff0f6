import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CALLER_IDS, usNumber } from "../worker/fixtures.js";
import { scanForSecrets } from "../worker/harness.js";
import { runs, useHostileProxy } from "./hostile.js";
import { SEED } from "./seeded.js";

scanForSecrets();

const { proxy, post, refusedWithoutTwilio } = useHostileProxy();

/** Anything JSON can hold, with a bias toward the body's own field names. */
const fieldName = fc.oneof(
  fc.constantFrom("to", "from", "flow", "url", "twiml", "statusCallback"),
  fc.string({ unit: "binary", maxLength: 10 }),
);
const jsonAnything = fc.jsonValue({ maxDepth: 4 });
const text = fc.string({ unit: "binary", maxLength: 64 });

describe(`hostile bodies on POST /v1/calls (seed ${SEED})`, () => {
  it("answers random JSON values (and objects of random fields) with a 4xx problem", async () => {
    const body = fc.oneof(
      jsonAnything,
      fc.dictionary(fieldName, jsonAnything, { maxKeys: 5 }),
      fc.record({ to: jsonAnything, from: jsonAnything, flow: jsonAnything }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        await refusedWithoutTwilio(() => post(JSON.stringify(value) ?? "null"));
      }),
      runs(150),
    );
  });

  it("answers deep nesting, in the body or in a field, with 400 (or 413 past the cap)", async () => {
    const nesting = fc.record({
      depth: fc.integer({ min: 1, max: 6_000 }),
      open: fc.constantFrom("[", '{"a":'),
      where: fc.constantFrom("top", "to", "flow"),
    });
    await fc.assert(
      fc.asyncProperty(nesting, async ({ depth, open, where }) => {
        const close = open === "[" ? "]" : "}";
        const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
        const body = where === "top" ? nested : `{"to":"${usNumber(1)}","${where}":${nested}}`;
        const { response } = await refusedWithoutTwilio(() => post(body));
        expect(response.status).toBe(body.length > 4096 ? 413 : 400);
      }),
      runs(40),
    );
  });

  it("answers huge strings with 413 past 4 KiB, and 4xx below it", async () => {
    const huge = fc.record({
      length: fc.integer({ min: 1_000, max: 300_000 }),
      char: fc.constantFrom("1", "+", "é", "\u0000", "😀", "\\u0000"),
      field: fc.constantFrom("to", "from", "flow", "x"),
    });
    await fc.assert(
      fc.asyncProperty(huge, async ({ length, char, field }) => {
        const body = `{"to":"${usNumber(1)}","${field}":"${char.repeat(length)}"}`;
        const { response } = await refusedWithoutTwilio(() => post(body));
        if (new TextEncoder().encode(body).length > 4096) expect(response.status).toBe(413);
      }),
      runs(25),
    );
  });

  it("answers control characters and lone surrogates in every field with a 4xx problem", async () => {
    const hostile = fc.oneof(
      text,
      fc.constantFrom("\u0000", "\uD800", "\uDFFF", "+1\u202E4155552001", "+1415555\u00002001"),
      text.map((s) => `${usNumber(1)}${s}`),
    );
    const body = fc
      .record({
        to: fc.oneof(hostile, fc.constant(usNumber(1))),
        from: fc.option(hostile, { nil: undefined }),
        flow: fc.option(hostile, { nil: undefined }),
      })
      .filter((b) => b.to !== usNumber(1) || b.from !== undefined || b.flow !== undefined);
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const { response, problem } = await refusedWithoutTwilio(() => post(JSON.stringify(value)));
        // The log line is still one parseable JSON line, with the destination masked.
        const line = proxy().logLines().at(-1);
        expect(line?.status).toBe(response.status);
        expect(line?.reason).toBe(problem.code);
      }),
      runs(150),
    );
  });

  it("answers bodies that are not UTF-8 (or not JSON at all) with a 4xx problem", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        await refusedWithoutTwilio(() => post(bytes));
      }),
      runs(80),
    );
  });

  it("refuses prototype-pollution keys and values, and a valid call afterwards is untouched", async () => {
    const polluting = fc.constantFrom("__proto__", "constructor", "prototype");
    const names = fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "__defineGetter__",
    );
    const payload = fc.oneof(
      fc.constant({ polluted: true, to: "+14155552999", url: "https://evil.example/twiml" }),
      fc.constant({ prototype: { polluted: true } }),
      jsonAnything,
    );
    const body = fc.oneof(
      // A polluting key next to a valid destination, written out as JSON text (so that it is an own
      // key of the parsed object, as it would be coming from an attacker).
      fc
        .tuple(polluting, payload)
        .map(([key, value]) => `{"to":"${usNumber(1)}","${key}":${JSON.stringify(value)}}`),
      fc
        .tuple(fc.constantFrom("from", "flow"), names)
        .map(([field, name]) => JSON.stringify({ to: usNumber(1), [field]: name })),
      names.map((name) => JSON.stringify({ to: name })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await refusedWithoutTwilio(() => post(text));
      }),
      runs(80),
    );
    const before = proxy().twilio.creates().length;
    const valid = await post(JSON.stringify({ to: usNumber(2) }));
    expect(valid.status).toBe(201);
    expect(Object.keys(valid.json()).sort()).toEqual(
      ["createdAt", "flow", "from", "sid", "status", "to"].sort(),
    );
    expect(valid.json()).toMatchObject({ to: usNumber(2), from: CALLER_IDS[0], flow: "greeting" });
    expect(proxy().twilio.creates()).toHaveLength(before + 1);
    const sent = proxy().twilio.creates().at(-1)?.form;
    expect(sent?.get("Url")).toBe("https://app.example.com/twiml/greeting");
    expect(sent?.get("To")).toBe(usNumber(2));
  });
});
