import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/shared/errors.js";
import { VoiceResponse } from "../../src/twiml/index.js";
import { BUILDS, type VoiceResponseClass } from "./builds.js";
import { buildAt, buildEverything, EDGES, HOSTILE_TEXT } from "./every-element.js";

const Official = twilio.twiml.VoiceResponse as unknown as VoiceResponseClass;

describe("VoiceResponse renders exactly what the official twilio.twiml.VoiceResponse renders", () => {
  it("covers a few dozen hand-written builds", () => {
    expect(Object.keys(BUILDS).length).toBeGreaterThanOrEqual(45);
  });

  for (const [name, build] of Object.entries(BUILDS)) {
    it(name, () => {
      const ours = build(VoiceResponse);
      expect(ours).toBe(build(Official));
      expect(ours.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    });
  }
});

describe("every element, with every attribute its official type declares", () => {
  it("covers every builder method the official package has", () => {
    // twilio 6.2.0: 20 verbs of <Response>, 131 builder methods in all, 435 attributes on them.
    expect(EDGES.filter((edge) => edge.kind === "VoiceResponse")).toHaveLength(20);
    expect(EDGES.length).toBeGreaterThanOrEqual(131);
    const attributes = EDGES.reduce((n, edge) => n + Object.keys(edge.attributes).length, 0);
    expect(attributes).toBeGreaterThanOrEqual(435);
  });

  it("one document with every element nested as the official allows", () => {
    const ours = buildEverything(VoiceResponse);
    expect(ours).toBe(buildEverything(Official));
    expect(ours.length).toBeGreaterThan(30_000);
  });

  for (const edge of EDGES) {
    const at = `${[edge.kind, edge.method].join(".")}()`;
    const call =
      (...args: unknown[]) =>
      (Response: VoiceResponseClass) =>
        buildAt(Response, edge.path, (node) => node[edge.method]?.(...args));
    const same = (build: (Response: VoiceResponseClass) => string) => {
      const ours = build(VoiceResponse);
      expect(ours).toBe(build(Official));
      expect(ours).toContain(`<${edge.tag}`);
    };

    it(`${at} with every attribute${edge.takesText ? " and text" : ""}`, () => {
      same(call(edge.attributes, ...(edge.takesText ? [HOSTILE_TEXT] : [])));
    });
    it(`${at} with no arguments`, () => same(call()));
    if (edge.takesText) {
      it(`${at} with text only`, () => same(call(HOSTILE_TEXT)));
      it(`${at} with attributes and empty text`, () => same(call(edge.attributes, "")));
    }
  }
});

describe("where the official library writes XML Twilio cannot parse, VoiceResponse refuses", () => {
  for (const edge of EDGES) {
    const name = Object.keys(edge.attributes).find((a) => typeof edge.attributes[a] === "string");
    if (!name) continue;
    it(`a control character in ${edge.tag}.${name}`, () => {
      const attributes = { ...edge.attributes, [name]: "bell\u0007" };
      const build = (Response: VoiceResponseClass) =>
        buildAt(Response, edge.path, (node) => node[edge.method]?.(attributes));
      expect(build(Official)).toContain(`${name}="bell\u0007"`);
      const error = refusal(() => build(VoiceResponse));
      expect(error.param).toBe(`${edge.tag}.${name}`);
      expect(error.message).toContain("U+0007");
    });
  }

  for (const edge of EDGES.filter((e) => e.takesText)) {
    it(`a control character in the text of ${edge.tag} (the official throws too)`, () => {
      const build = (Response: VoiceResponseClass) =>
        buildAt(Response, edge.path, (node) => node[edge.method]?.("\u001b[31m"));
      expect(() => build(Official)).toThrow();
      expect(refusal(() => build(VoiceResponse)).param).toBe(edge.tag);
    });
  }
});

const refusal = (act: () => unknown): TwilioValidationError => {
  try {
    act();
  } catch (error) {
    if (error instanceof TwilioValidationError) return error;
    throw error;
  }
  throw new Error("expected a TwilioValidationError");
};
