import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { TwilioValidationError } from "../../src/shared/errors.js";
import { VoiceResponse } from "../../src/twiml/index.js";

const official = () => new twilio.twiml.VoiceResponse();

const validationError = (act: () => unknown): TwilioValidationError => {
  try {
    act();
  } catch (error) {
    if (error instanceof TwilioValidationError) return error;
    throw error;
  }
  throw new Error("expected a TwilioValidationError");
};

describe("VoiceResponse refuses what XML cannot carry", () => {
  it("refuses a control character in text, naming the element (the official throws too)", () => {
    expect(() => official().say("bell\u0007")).toThrow();
    const error = validationError(() => new VoiceResponse().say("bell\u0007"));
    expect(error.param).toBe("Say");
    expect(error.message).toContain("U+0007");
  });

  it("refuses a lone surrogate in text but keeps a proper pair", () => {
    expect(() => official().say("\uD83D")).toThrow();
    expect(validationError(() => new VoiceResponse().say("x\uD83D")).param).toBe("Say");
    expect(new VoiceResponse().say("\uD83D\uDC4B").toString()).toContain("<Say>👋</Say>");
  });

  it("refuses U+FFFE in nested text, naming the nested element", () => {
    const dial = new VoiceResponse().dial();
    expect(validationError(() => dial.number("+1\uFFFE")).param).toBe("Number");
  });

  it("refuses a control character in an attribute value, naming element and attribute", () => {
    // The official library writes it out raw, which gives a document Twilio cannot parse.
    const error = validationError(() => new VoiceResponse().say({ voice: "a\u0000" }, "x"));
    expect(error.param).toBe("Say.voice");
  });

  it("refuses an attribute name that is not an XML name (the official throws too)", () => {
    const attributes = { 'x="1"><Hangup/><Say a': "1" } as Record<string, string>;
    expect(() => official().say(attributes, "x")).toThrow();
    const error = validationError(() => new VoiceResponse().say(attributes, "x"));
    expect(error.param).toBe('Say.x="1"><Hangup/><Say a');
    expect(error.message).toContain("valid XML name");
  });

  it("refuses an addChild tag name that is not an XML name", () => {
    expect(validationError(() => new VoiceResponse().addChild("Say><Hangup/")).param).toBe(
      "tagName",
    );
  });
});
