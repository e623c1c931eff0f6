import { readFileSync } from "node:fs";
import { transform } from "esbuild";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { VoiceResponse } from "../../src/twiml/index.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  callJson,
  jsonResponse,
  scriptedFetch,
} from "../core/fake-fetch.js";

const readme = readFileSync("README.md", "utf8");

/** The first `ts` and `xml` code blocks under a README heading. */
const example = (heading: string) => {
  const start = readme.indexOf(`### ${heading}\n`);
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf("\n### ", start + 1));
  const code = section.match(/```ts\n([\s\S]*?)```/)?.[1] ?? "";
  const xml = section.match(/```xml\n([\s\S]*?)\n```/)?.[1] ?? "";
  return { code, xml };
};

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

/** Runs a README example, imports removed, with a client whose fetch records the request. */
const run = async (code: string, Response: unknown) => {
  const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
  const body = (await transform(code.replace(/^import .*$/gm, ""), { loader: "ts" })).code;
  await new AsyncFunction(
    "createClient",
    "VoiceResponse",
    "accountSid",
    "authToken",
    "customer",
    "to",
    "from",
    body,
  )(
    (options: Parameters<typeof createClient>[0]) => createClient({ ...options, fetch }),
    Response,
    ACCOUNT_SID,
    AUTH_TOKEN,
    { name: "Ada", id: "c_42", phone: "+15558675310" },
    "+15558675310",
    "+15017122661",
  );
  expect(requests).toHaveLength(1);
  return new URLSearchParams(requests[0]?.body).get("Twiml");
};

describe("README TwiML examples send the TwiML they show, as the official builder would", () => {
  it.each([
    "A voice agent: `<Connect><ConversationRelay>`",
    "Live transcription: `<Start><Transcription>`",
  ])("%s", async (heading) => {
    const { code, xml } = example(heading);
    expect(code).toContain("calls.create(");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
    expect(await run(code, VoiceResponse)).toBe(xml);
    expect(await run(code, twilio.twiml.VoiceResponse)).toBe(xml);
  });
});
