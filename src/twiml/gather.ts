import { TwimlNode } from "./node.js";
import type { PauseAttributes, PlayAttributes, SayAttributes } from "./verb-attributes.js";

/** `<Gather>`: collects digits or speech; what it nests is played while it listens. */
export class Gather extends TwimlNode {
  /** Nests `<Say>`: text read to the caller. */
  say(message: string): TwimlNode;
  say(attributes: SayAttributes, message: string): TwimlNode;
  say(attributes: SayAttributes | string, message?: string): TwimlNode {
    return this.add(TwimlNode, "Say", attributes, message);
  }

  /** Nests `<Play>`: an audio file (URL) played to the caller. */
  play(url?: string): TwimlNode;
  play(attributes?: PlayAttributes, url?: string): TwimlNode;
  play(attributes?: PlayAttributes | string, url?: string): TwimlNode {
    return this.add(TwimlNode, "Play", attributes, url);
  }

  /** Nests `<Pause>`: silence, `length` seconds (default 1). */
  pause(attributes?: PauseAttributes): TwimlNode {
    return this.add(TwimlNode, "Pause", attributes);
  }
}
