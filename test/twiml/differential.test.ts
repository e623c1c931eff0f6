import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { VoiceResponse } from "../../src/twiml/index.js";
import { BUILDS, type VoiceResponseClass } from "./builds.js";

const Official = twilio.twiml.VoiceResponse as unknown as VoiceResponseClass;

describe("VoiceResponse renders exactly what the official twilio.twiml.VoiceResponse renders", () => {
  it("covers a few dozen builds", () => {
    expect(Object.keys(BUILDS).length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, build] of Object.entries(BUILDS)) {
    it(name, () => {
      const ours = build(VoiceResponse);
      expect(ours).toBe(build(Official));
      expect(ours.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response')).toBe(true);
    });
  }
});
