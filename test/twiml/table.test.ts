import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derive, officialElements } from "../../scripts/twiml-table.js";
import { CHILDREN, TAGS } from "../../src/twiml/table.js";

// When the installed twilio package gains an element, an attribute or a value, these fail until
// `node scripts/twiml-table.js` is run again and the new output is committed.
describe("the element table and its types match the installed official package", () => {
  const derived = derive();

  it.each(Object.entries(derived))("%s is what scripts/twiml-table.js derives", (path, source) => {
    expect(readFileSync(path, "utf8")).toBe(source);
  });

  it("gives every official element kind its methods, tags and children", () => {
    const elements = officialElements();
    for (const [kind, methods] of Object.entries(elements)) {
      const ours = (CHILDREN[kind] ?? "").split(" ").filter(Boolean);
      expect(ours.map((entry) => entry.split(":")[0])).toEqual(Object.keys(methods));
      for (const [tag, child] of Object.values(methods)) expect(TAGS[child] ?? child).toBe(tag);
    }
  });

  it("includes the elements voice agents and live audio rely on", () => {
    expect(CHILDREN.Connect).toContain("conversationRelay");
    expect(CHILDREN.ConversationRelay).toBe("language parameter");
    expect(CHILDREN.Start).toBe("recording siprec stream transcription");
    expect(CHILDREN.Say).toContain("sayAs:SsmlSayAs");
    expect(TAGS.SsmlSayAs).toBe("say-as");
  });
});
