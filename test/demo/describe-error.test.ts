import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProxyClient,
  ProxyError,
  TwilioValidationError,
} from "../../src/proxy-client/index.js";
import { describeError, durationText, type ErrorText } from "../../worker/demo/describe-error.js";
import { type Problem, problemResponse } from "../../worker/http/problem.js";
import { scanForSecrets, startProxy, type TestProxy } from "../worker/harness.js";

// The demo page's words for every refusal, fed with the problems the worker really sends: through
// its problem writer for each code, and from the worker itself (in workerd) for destinations.

scanForSecrets();

/** What the page shows for the proxy's answer `response`, read by the proxy client. */
const shownFor = async (response: () => Response): Promise<ErrorText> => {
  const fetch = async () => response();
  const proxy = createProxyClient({ baseUrl: "https://proxy.test", token: "t", fetch });
  const error = await proxy.createCall({ to: "+14155552671" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProxyError);
  return describeError(error);
};

/** What the page shows for `problem`, as the worker's problem writer sends it. */
const shown = (problem: Problem) => shownFor(() => problemResponse(problem));

let worker: TestProxy;
beforeAll(async () => {
  worker = await startProxy({
    env: { ALLOWED_COUNTRIES: "US,GB", LIMIT_CALLER_PER_MINUTE: "100" },
  });
});
afterAll(() => worker.close());

/** What the page shows when the worker (in workerd) refuses a call to `to`. */
const refusalOf = async (to: string): Promise<ErrorText> => {
  const { status, headers, text } = await worker.createCall({ to });
  expect(status, to).toBeGreaterThanOrEqual(400);
  return shownFor(() => new Response(text, { status, headers }));
};

/** Every problem code in the worker's source: `fail(403, "code", …)`, `code: "code"`, and the like. */
// Campaigns are for servers with a campaign key only: their refusals never reach a page.
const workerCodes = (): string[] => {
  const files = readdirSync("worker", { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.startsWith("demo") && !file.startsWith("campaigns"),
  );
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join("worker", file), "utf8");
    const found = source.matchAll(
      /(?:code: |(?:fail|refusal|refused|unknown|unauthorized|problem)\(\s*(?:\d{3},\s*)?)"([a-z]+(?:_[a-z]+)+)"/g,
    );
    for (const [, code] of found) codes.add(code as string);
  }
  return [...codes].sort();
};

/** Codes a request's shape earns: the proxy's own detail names the field and the rule. */
const SHAPE_CODES = new Set([
  "body_not_object",
  "body_too_large",
  "callback_invalid",
  "invalid_field",
  "malformed_json",
  "not_a_preflight",
  "signature_invalid",
  "unknown_field",
  "unsupported_media_type",
]);

const expectNoMachineCode = (text: ErrorText, code: string) => {
  expect(`${text.title} ${text.detail}`, code).not.toContain(code);
  expect(text.title, code).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b\d{5}\b|HTTP \d/);
  expect(text.technical, code).toContain(code);
};

describe("the demo page's words for a refusal", () => {
  it("has words of its own for every problem code the worker sends, codes only in the details line", async () => {
    const codes = workerCodes();
    expect(codes).toEqual(
      expect.arrayContaining([
        "destination_country_not_allowed",
        "caller_minute_quota",
        "upstream_refused",
        "credentials_invalid",
        "idempotency_key_reused",
      ]),
    );
    expect(codes.length).toBeGreaterThanOrEqual(35);
    for (const code of codes) {
      const detail = "The proxy's own sentence about it.";
      const text = await shown({ status: 400, code, title: "Some title", detail });
      expectNoMachineCode(text, code);
      if (SHAPE_CODES.has(code)) expect(text.detail, code).toBe(detail);
      else expect(text.title, code).not.toBe("The proxy did not accept the request");
    }
  });

  it("names a refused country by its name", async () => {
    const text = await refusalOf("+18765550100");
    expect(text.title).toBe("Calls to Jamaica are not allowed");
    expect(text.technical).toBe("HTTP 403 · destination_country_not_allowed");
    const { title } = describeError(
      new ProxyError("POST /v1/calls", {
        status: 403,
        type: "about:blank",
        title: "Destination not allowed",
        detail: "Calls to this country (JM) are not allowed.",
        code: "destination_country_not_allowed",
      }),
      "fr",
    );
    expect(title).toBe("Calls to Jamaïque are not allowed");
  });

  it("says which kind of number is refused, in words", async () => {
    expect((await refusalOf("+449098790000")).title).toBe("Premium-rate numbers are not allowed");
    expect((await refusalOf("+19005550123")).title).toBe("Premium-rate numbers are not allowed");
    expect((await refusalOf("+445612345678")).title).toBe(
      "Internet (VoIP) numbers are not allowed",
    );
    expect((await refusalOf("+447012345678")).title).toBe(
      "Personal (follow-me) numbers are not allowed",
    );
  });

  it("says when to try again, from Retry-After", async () => {
    const quota = (code: string, retryAfter: number) =>
      shown({ status: 429, code, title: "Quota exceeded", detail: "…", retryAfter });
    expect(await quota("caller_minute_quota", 58)).toMatchObject({
      title: "You have placed too many calls this minute",
      detail: "Try again in 58 s.",
      technical: "HTTP 429 · caller_minute_quota",
    });
    expect((await quota("destination_hourly_quota", 1500)).detail).toBe("Try again in 25 min.");
    expect((await quota("global_daily_budget", 3 * 3600 + 300)).detail).toBe(
      "Try again in 3 h 5 min.",
    );
  });

  it("explains Twilio's error codes with a link to their docs", async () => {
    const refused = (twilioCode: number) =>
      shown({
        status: 422,
        code: "upstream_refused",
        title: "Twilio did not place the call",
        detail: `Twilio refused the call (Twilio error ${twilioCode}).`,
        twilioCode,
      });
    expect(await refused(21215)).toEqual({
      title: "Your Twilio account may not call this country yet",
      detail:
        "Allow it in the Twilio Console under Voice › Settings › Geo permissions, then try again.",
      link: {
        text: "Twilio's page on error 21215",
        href: "https://www.twilio.com/docs/errors/21215",
      },
      technical: "HTTP 422 · upstream_refused · Twilio error 21215",
    });
    expect((await refused(21211)).title).toBe("Twilio says this is not a valid phone number");
    const unknown = await refused(13999);
    expect(unknown.title).toBe("Twilio did not place the call");
    expect(unknown.link?.href).toBe("https://www.twilio.com/docs/errors/13999");
    const credentials = await shown({
      status: 502,
      code: "upstream_auth_failed",
      title: "Twilio did not place the call",
      detail: "The proxy's Twilio credentials were refused.",
      twilioCode: 20003,
    });
    expect(credentials.title).toBe("Twilio refused the proxy's credentials");
    expect(credentials.detail).toContain(".dev.vars");
    expect(credentials.link?.href).toBe("https://www.twilio.com/docs/errors/20003");
  });

  it("words a network failure, a form mistake and anything else", () => {
    const offline = new ProxyError(
      "POST /v1/calls",
      { status: 0, type: "about:blank", title: "Network error", detail: "Failed to fetch" },
      { cause: new TypeError("Failed to fetch") },
    );
    expect(describeError(offline)).toMatchObject({
      title: "The proxy could not be reached",
      technical: "Failed to fetch",
    });
    expect(describeError(new TwilioValidationError("to", "must be a non-empty string"))).toEqual({
      title: "Type the number to call",
      detail: "For example +14155552671.",
    });
    expect(describeError(new Error("config.json could not be loaded (HTTP 404)"))).toEqual({
      title: "Something went wrong",
      detail: "config.json could not be loaded (HTTP 404)",
    });
  });

  it("rounds durations up to what a person reads", () => {
    expect(
      [1, 999, 58_000, 119_000, 120_000, 3_599_000, 7_200_000, 7_260_000].map(durationText),
    ).toEqual(["1 s", "1 s", "58 s", "119 s", "2 min", "60 min", "2 h", "2 h 1 min"]);
  });
});
