import { TwimlNode } from "./node.js";
import type { PauseAttributes, PlayAttributes, SayAttributes } from "./verb-attributes.js";

/** A node that can hold `<Say>`, `<Play>` and `<Pause>`: a `<Response>` or a `<Gather>`. */
export class SpokenNode extends TwimlNode {
  /** `<Say>`: reads text to the caller. */
  say(message: string): TwimlNode;
  say(attributes: SayAttributes, message: string): TwimlNode;
  say(attributes: SayAttributes | string, message?: string): TwimlNode {
    return this.add(TwimlNode, "Say", attributes, message);
  }

  /** `<Play>`: plays an audio file (URL), or `digits` as DTMF tones. */
  play(url?: string): TwimlNode;
  play(attributes?: PlayAttributes, url?: string): TwimlNode;
  play(attributes?: PlayAttributes | string, url?: string): TwimlNode {
    return this.add(TwimlNode, "Play", attributes, url);
  }

  /** `<Pause>`: silence, `length` seconds (default 1). */
  pause(attributes?: PauseAttributes): TwimlNode {
    return this.add(TwimlNode, "Pause", attributes);
  }
}
