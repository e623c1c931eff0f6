import { Dial } from "./dial.js";
import { Gather } from "./gather.js";
import { TwimlNode } from "./node.js";
import { SpokenNode } from "./spoken-node.js";
import type {
  DialAttributes,
  EnqueueAttributes,
  GatherAttributes,
  RecordAttributes,
  RedirectAttributes,
  RejectAttributes,
} from "./verb-attributes.js";
import type { Attributes } from "./xml.js";

/**
 * A TwiML `<Response>` for a voice call, a drop-in for the official `twilio.twiml.VoiceResponse`:
 * same method and attribute names, same output, with text and attributes escaped.
 * @example
 * const response = new VoiceResponse();
 * response.say({ voice: "alice" }, `Hello ${name}`);
 * await client.calls.create({ to, from, twiml: response });
 */
export class VoiceResponse extends SpokenNode {
  constructor() {
    super(undefined, "Response", "");
  }

  /** `<Gather>`: collects digits or speech; nest `say`, `play`, `pause` on the returned node. */
  gather(attributes?: GatherAttributes): Gather {
    return this.add(Gather, "Gather", attributes);
  }

  /** `<Dial>`: calls a number, or nest `number`, `client`, `sip`, `conference`, `queue`. */
  dial(number?: string): Dial;
  dial(attributes?: DialAttributes, number?: string): Dial;
  dial(attributes?: DialAttributes | string, number?: string): Dial {
    return this.add(Dial, "Dial", attributes, number);
  }

  /** `<Record>`: records the caller. */
  record(attributes?: RecordAttributes): TwimlNode {
    return this.add(TwimlNode, "Record", attributes);
  }

  /** `<Redirect>`: continues with the TwiML at another URL. */
  redirect(url: string): TwimlNode;
  redirect(attributes: RedirectAttributes, url: string): TwimlNode;
  redirect(attributes: RedirectAttributes | string, url?: string): TwimlNode {
    return this.add(TwimlNode, "Redirect", attributes, url);
  }

  /** `<Reject>`: refuses an incoming call without answering (no charge). */
  reject(attributes?: RejectAttributes): TwimlNode {
    return this.add(TwimlNode, "Reject", attributes);
  }

  /** `<Hangup>`: ends the call. */
  hangup(attributes?: Attributes): TwimlNode {
    return this.add(TwimlNode, "Hangup", attributes);
  }

  /** `<Enqueue>`: puts the caller in the named queue. */
  enqueue(name?: string): TwimlNode;
  enqueue(attributes?: EnqueueAttributes, name?: string): TwimlNode;
  enqueue(attributes?: EnqueueAttributes | string, name?: string): TwimlNode {
    return this.add(TwimlNode, "Enqueue", attributes, name);
  }

  /** `<Leave>`: takes the caller out of its queue; the call continues after `<Enqueue>`. */
  leave(attributes?: Attributes): TwimlNode {
    return this.add(TwimlNode, "Leave", attributes);
  }
}
