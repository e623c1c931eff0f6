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

  it("refuses a non-ASCII element or attribute name, which the official accepts", () => {
    expect(official().addChild("Grüße", {}).toString()).toContain("<Grüße/>");
    expect(validationError(() => new VoiceResponse().addChild("Grüße")).param).toBe("tagName");
    const attributes = { naïve: "1" } as Record<string, string>;
    expect(validationError(() => new VoiceResponse().say(attributes, "x")).param).toBe("Say.naïve");
  });

  it("refuses an addChild name the official reads as an instruction (#raw, #text, ?pi)", () => {
    for (const name of ["#raw", "#text", "#comment", "?target"]) {
      expect(validationError(() => new VoiceResponse().addChild(name)).param).toBe("tagName");
    }
  });
});

describe("VoiceResponse text", () => {
  it("refuses null and undefined as text or comment, as the official does", () => {
    const missing = [null, undefined] as unknown as string[];
    for (const value of missing) {
      expect(() => official().say("x").addText(value)).toThrow();
      expect(validationError(() => new VoiceResponse().say("x").addText(value)).param).toBe("Say");
      expect(() => official().comment(value)).toThrow();
      expect(validationError(() => new VoiceResponse().comment(value)).param).toBe("comment");
    }
  });

  it("refuses null as a verb's text, where the official silently leaves the verb out", () => {
    const none = null as unknown as string;
    const theirs = official();
    theirs.say({ voice: "alice" }, none);
    expect(theirs.toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const ours = new VoiceResponse();
    expect(validationError(() => ours.say({ voice: "alice" }, none)).param).toBe("Say");
    expect(ours.toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it("takes undefined text as no text, as the official does", () => {
    const theirs = official();
    theirs.dial({ timeout: 5 }, undefined);
    const ours = new VoiceResponse();
    ours.dial({ timeout: 5 }, undefined);
    expect(ours.toString()).toBe(theirs.toString());
  });
});

describe("VoiceResponse comments", () => {
  it.each([
    ["comment", (r: VoiceResponse) => r.comment("a--b")],
    ["commentBefore", (r: VoiceResponse) => r.commentBefore("--")],
    ["commentAfter", (r: VoiceResponse) => r.commentAfter("x-->y")],
  ] as const)(
    "%s refuses --, which would end the comment early (the official throws too)",
    (field, act) => {
      expect(() => act(official() as unknown as VoiceResponse)).toThrow();
      const error = validationError(() => act(new VoiceResponse()));
      expect(error.param).toBe(field);
      expect(error.message).toContain('"--"');
    },
  );

  it("refuses a character XML cannot carry in a comment (the official throws too)", () => {
    expect(() => official().comment("\u0000")).toThrow();
    expect(validationError(() => new VoiceResponse().commentAfter("nul\u0000")).param).toBe(
      "commentAfter",
    );
  });

  it("leaves the document as it was when a comment is refused", () => {
    const response = new VoiceResponse();
    response.say("kept");
    expect(() => response.commentBefore("a--b")).toThrow(TwilioValidationError);
    expect(response.toString()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>kept</Say></Response>',
    );
  });
});

describe("attributes whose official name is not an identifier", () => {
  it("takes interpretAs and xmlLang in camelCase and writes Twilio's names", () => {
    const ours = new VoiceResponse();
    const say = ours.say("Call ");
    say.sayAs({ interpretAs: "telephone" }, "5558675310");
    say.lang({ xmlLang: "de-DE" }, "Danke");
    const theirs = official();
    const theirSay = theirs.say("Call ");
    theirSay.sayAs({ "interpret-as": "telephone" }, "5558675310");
    theirSay.lang({ "xml:lang": "de-DE" }, "Danke");
    expect(ours.toString()).toBe(theirs.toString());
    expect(ours.toString()).toContain('<say-as interpret-as="telephone">');
  });

  it("refuses both spellings at once, which would write the attribute twice", () => {
    const say = new VoiceResponse().say("x");
    const error = validationError(() =>
      say.sayAs({ interpretAs: "digits", "interpret-as": "cardinal" }, "12"),
    );
    expect(error.param).toBe("say-as.interpretAs");
    expect(error.message).toContain("interpret-as");
  });

  it("leaves camelCase names alone on elements that do not declare them", () => {
    const attributes = { interpretAs: "x" } as Record<string, string>;
    expect(new VoiceResponse().say(attributes, "y").toString()).toContain('<Say interpretAs="x">');
  });
});

describe("VoiceResponse nests only what the official allows", () => {
  it("has the official's methods on each element and no others", () => {
    const response = new VoiceResponse() as unknown as Record<string, unknown>;
    const theirs = official() as unknown as Record<string, unknown>;
    for (const method of ["number", "sayAs", "parameter", "uri", "task"]) {
      expect(typeof response[method]).toBe("undefined");
      expect(typeof theirs[method]).toBe("undefined");
    }
    const w = new VoiceResponse().say("x").w("word") as unknown as Record<string, unknown>;
    expect(typeof w.sayAs).toBe("function");
    expect(typeof w.p).toBe("undefined");
  });

  it("gives addChild a plain node, without builder methods, as the official does", () => {
    const custom = new VoiceResponse().addChild("Say") as unknown as Record<string, unknown>;
    expect(typeof custom.sayAs).toBe("undefined");
    expect(typeof custom.addChild).toBe("function");
  });
});
