import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CallCreateParams, TwilioValidationError } from "../../src/index.js";
import { attemptCreate } from "./fake-fetch.js";

const SEED = 20261117;
const options = { seed: SEED, numRuns: 300 };

const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
/**
 * Any well-formed text: controls, newlines, NUL, astral characters. Lone surrogates are refused (the
 * form encoding would send U+FFFD instead); a test below proves that.
 */
const text = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !/\p{Cs}/u.test(s));
const nonBlank = text.filter((s) => s.trim() !== "");
const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });
const method = fc.constantFrom("GET", "POST");
const events = <T extends string>(...all: T[]) =>
  fc.oneof(fc.subarray(all, { minLength: 1 }), fc.constantFrom(...all));
const int = (min: number, max = 2_147_483_647) => fc.integer({ min, max });
// A TwiML builder renders itself; the limit is on the rendered text.
const twiml = fc.oneof(
  text,
  text.map((rendered) => ({ toString: () => rendered })),
);

/** Every optional parameter with values its documented rule accepts. */
const optional = {
  url: webUrl,
  twiml: twiml.filter((value) => String(value) !== "[object Object]"),
  applicationSid: hex32.map((h) => `AP${h}`),
  method,
  fallbackUrl: webUrl,
  fallbackMethod: method,
  statusCallback: webUrl.filter((u) => !new URL(u).hostname.includes("_")),
  statusCallbackEvent: events("initiated", "ringing", "answered", "completed"),
  statusCallbackMethod: method,
  sendDigits: fc.stringMatching(/^[0-9A-D#*wW]{0,32}$/),
  timeout: int(1, 600),
  record: fc.boolean(),
  recordingChannels: fc.constantFrom("mono", "dual"),
  recordingStatusCallback: webUrl,
  recordingStatusCallbackMethod: method,
  recordingStatusCallbackEvent: events("in-progress", "completed", "absent"),
  recordingTrack: fc.constantFrom("inbound", "outbound", "both"),
  recordingConfigurationId: text,
  trim: fc.constantFrom("trim-silence", "do-not-trim"),
  sipAuthUsername: text,
  sipAuthPassword: text,
  machineDetection: fc.constantFrom("Enable", "DetectMessageEnd"),
  machineDetectionTimeout: int(1),
  machineDetectionSpeechThreshold: int(1000, 6000),
  machineDetectionSpeechEndThreshold: int(500, 5000),
  machineDetectionSilenceTimeout: int(2000, 10000),
  asyncAmd: fc.constantFrom("true", "false"),
  asyncAmdStatusCallback: webUrl,
  asyncAmdStatusCallbackMethod: method,
  callerId: text,
  byoc: hex32.map((h) => `BY${h}`),
  callReason: text,
  callToken: text,
  timeLimit: int(1),
  clientNotificationUrl: webUrl,
  passports: text,
};

type Key = keyof typeof optional | "to" | "from";
const KEYS = ["to", "from", ...Object.keys(optional)] as Key[];

/** Valid params: `to` and `from`, any subset of the rest, some explicitly `undefined`. */
const validParams = fc
  .record(
    {
      to: nonBlank,
      from: nonBlank,
      ...Object.fromEntries(
        Object.entries(optional).map(([key, value]) => [
          key,
          fc.oneof(
            { weight: 4, arbitrary: value as fc.Arbitrary<unknown> },
            fc.constant(undefined),
          ),
        ]),
      ),
    },
    { requiredKeys: ["to", "from"] },
  )
  .map((params) => params as CallCreateParams);

/** What Twilio must read back for one value: repeated keys for lists, true/false, decimals. */
const expectedValues = (value: unknown): string[] =>
  [value].flat().map((item) => {
    if (typeof item === "boolean") return item ? "true" : "false";
    if (typeof item === "number") return item.toString(10);
    return String(item);
  });

const formKey = (key: string) => key[0]?.toUpperCase() + key.slice(1);

describe(`calls.create encoding, property-based (seed ${SEED})`, () => {
  it("sends every valid params object as a form body that decodes back to it", async () => {
    await fc.assert(
      fc.asyncProperty(validParams, async (params) => {
        const { requests, error } = await attemptCreate(params);
        expect(error).toBeUndefined();
        expect(requests).toHaveLength(1);
        const [request] = requests;
        expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
        const form = new URLSearchParams(request?.body);
        const defined = Object.entries(params).filter(([, value]) => value !== undefined);
        expect(new Set(form.keys())).toEqual(new Set(defined.map(([key]) => formKey(key))));
        for (const [key, value] of defined) {
          expect([key, form.getAll(formKey(key))]).toEqual([key, expectedValues(value)]);
        }
        for (const [key, value] of form) {
          if (/^(Timeout|TimeLimit|MachineDetection\w*(Timeout|Threshold))$/.test(key)) {
            expect([key, value]).toEqual([key, expect.stringMatching(/^[1-9]\d*$/)]);
          }
        }
      }),
      options,
    );
  });
});

const nonString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
);
const notUrl = fc.oneof(
  nonString,
  fc.stringMatching(/^[a-z0-9./ -]{0,20}$/),
  fc.constantFrom("ftp://example.com/t", "javascript:alert(1)", "mailto:a@b.c", "https://", "//x"),
);
const notInteger = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: 1 }).map((above) => max + above),
    fc.integer({ min: 1 }).map((below) => min - below),
    fc.double({ noInteger: true }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, "10", null, true),
  );
const notOneOf = (...allowed: string[]) =>
  fc.oneof(
    nonString,
    fc.string().filter((s) => !allowed.includes(s)),
    fc.constantFrom(...allowed.map((a) => a.toUpperCase() + a.toLowerCase())),
  );
const notMatching = (pattern: RegExp) =>
  fc.oneof(
    nonString,
    fc.string().filter((s) => !pattern.test(s)),
  );
const listWithStranger = (...allowed: string[]) =>
  fc.tuple(fc.subarray(allowed), notOneOf(...allowed)).map(([good, bad]) => [...good, bad]);

/** For each parameter, values its documented rule refuses. */
const invalid: Record<Key, fc.Arbitrary<unknown>> = {
  to: fc.oneof(nonString, fc.constantFrom("", "   ", "\t\n")),
  from: fc.oneof(nonString, fc.constantFrom("", " ")),
  url: notUrl,
  twiml: fc.oneof(
    fc.integer(),
    fc.constant({ a: 1 }),
    fc.constant(Object.create(null)),
    fc.string({ minLength: 4001, maxLength: 4100 }),
  ),
  applicationSid: notMatching(/^AP[0-9a-fA-F]{32}$/),
  method: notOneOf("GET", "POST"),
  fallbackUrl: notUrl,
  fallbackMethod: notOneOf("GET", "POST"),
  statusCallback: fc.oneof(notUrl, fc.constant("https://under_score.example.com/s")),
  statusCallbackEvent: listWithStranger("initiated", "ringing", "answered", "completed"),
  statusCallbackMethod: notOneOf("GET", "POST"),
  sendDigits: notMatching(/^[0-9A-D#*wW]{0,32}$/),
  timeout: notInteger(1, 600),
  record: fc.oneof(fc.constantFrom("true", "false", 0, 1, null), fc.string()),
  recordingChannels: notOneOf("mono", "dual"),
  recordingStatusCallback: notUrl,
  recordingStatusCallbackMethod: notOneOf("GET", "POST"),
  recordingStatusCallbackEvent: listWithStranger("in-progress", "completed", "absent"),
  recordingTrack: notOneOf("inbound", "outbound", "both"),
  recordingConfigurationId: fc.oneof(nonString),
  trim: notOneOf("trim-silence", "do-not-trim"),
  sipAuthUsername: fc.oneof(nonString),
  sipAuthPassword: fc.oneof(nonString),
  machineDetection: notOneOf("Enable", "DetectMessageEnd"),
  machineDetectionTimeout: notInteger(1, 2_147_483_647),
  machineDetectionSpeechThreshold: notInteger(1000, 6000),
  machineDetectionSpeechEndThreshold: notInteger(500, 5000),
  machineDetectionSilenceTimeout: notInteger(2000, 10000),
  asyncAmd: fc.oneof(notOneOf("true", "false"), fc.boolean()),
  asyncAmdStatusCallback: notUrl,
  asyncAmdStatusCallbackMethod: notOneOf("GET", "POST"),
  callerId: fc.oneof(nonString),
  byoc: notMatching(/^BY[0-9a-fA-F]{32}$/),
  callReason: fc.oneof(nonString),
  callToken: fc.oneof(nonString),
  timeLimit: notInteger(1, 2_147_483_647),
  clientNotificationUrl: notUrl,
  passports: fc.oneof(nonString),
};

/** A name that is no parameter: prototype keys, PascalCase (form) names, anything else. */
const unknownKey = fc
  .oneof(
    fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "Url",
      "To",
      "statusCallbackEvents",
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  .filter((key) => !KEYS.includes(key as Key));

const defined = fc.anything().filter((value) => value !== undefined);

const expectRefused = (outcome: { requests: unknown[]; error: unknown }, param?: string) => {
  expect(outcome.error).toBeInstanceOf(TwilioValidationError);
  if (param !== undefined) expect((outcome.error as TwilioValidationError).param).toBe(param);
  expect(outcome.requests).toHaveLength(0);
};

describe(`calls.create validation, property-based (seed ${SEED})`, () => {
  it("refuses a null-prototype object as twiml (String() of it would throw a TypeError)", async () => {
    const twiml = Object.create(null) as object;
    expectRefused(
      await attemptCreate({ to: "+15558675310", from: "+15017122661", twiml }),
      "twiml",
    );
  });

  it("refuses one broken parameter with TwilioValidationError naming it, and sends nothing", async () => {
    const broken = fc
      .constantFrom(...KEYS)
      .chain((key) => fc.tuple(fc.constant(key), invalid[key]));
    await fc.assert(
      fc.asyncProperty(validParams, broken, async (params, [key, value]) => {
        expectRefused(await attemptCreate({ ...params, [key]: value }), key);
      }),
      options,
    );
  });

  it("refuses an unknown key (prototype keys included) naming it, and sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(validParams, unknownKey, defined, async (params, key, value) => {
        // defineProperty: a plain assignment to `__proto__` would set the prototype instead.
        const withKey = { ...params };
        Object.defineProperty(withKey, key, { value, enumerable: true });
        expectRefused(await attemptCreate(withKey), key);
      }),
      options,
    );
  });

  it("answers any value at all with a call or a TwilioValidationError, never another error", async () => {
    const anything = fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 2 });
    const params = fc.oneof(
      anything,
      fc.dictionary(fc.constantFrom(...KEYS), anything, { maxKeys: 6 }),
      fc
        .tuple(validParams, fc.dictionary(fc.constantFrom(...KEYS), anything, { maxKeys: 3 }))
        .map(([valid, noise]) => ({ ...valid, ...noise })),
    );
    await fc.assert(
      fc.asyncProperty(params, async (value) => {
        const outcome = await attemptCreate(value);
        if (outcome.error === undefined) expect(outcome.requests).toHaveLength(1);
        else expectRefused(outcome);
      }),
      options,
    );
  });
});
