import { TwimlNode } from "./node.js";
import type {
  ClientAttributes,
  ConferenceAttributes,
  NumberAttributes,
  QueueAttributes,
  SipAttributes,
} from "./noun-attributes.js";

/** `<Dial>`: connects the caller to another party, named by the nouns it nests. */
export class Dial extends TwimlNode {
  /** Nests `<Number>`: a phone number (E.164). */
  number(phoneNumber: string): TwimlNode;
  number(attributes: NumberAttributes, phoneNumber: string): TwimlNode;
  number(attributes: NumberAttributes | string, phoneNumber?: string): TwimlNode {
    return this.add(TwimlNode, "Number", attributes, phoneNumber);
  }

  /** Nests `<Client>`: a Voice SDK client identity. */
  client(identity?: string): TwimlNode;
  client(attributes?: ClientAttributes, identity?: string): TwimlNode;
  client(attributes?: ClientAttributes | string, identity?: string): TwimlNode {
    return this.add(TwimlNode, "Client", attributes, identity);
  }

  /** Nests `<Sip>`: a SIP URI such as `sip:alice@example.com`. */
  sip(sipUrl?: string): TwimlNode;
  sip(attributes?: SipAttributes, sipUrl?: string): TwimlNode;
  sip(attributes?: SipAttributes | string, sipUrl?: string): TwimlNode {
    return this.add(TwimlNode, "Sip", attributes, sipUrl);
  }

  /** Nests `<Conference>`: a conference room by name. */
  conference(name: string): TwimlNode;
  conference(attributes: ConferenceAttributes, name: string): TwimlNode;
  conference(attributes: ConferenceAttributes | string, name?: string): TwimlNode {
    return this.add(TwimlNode, "Conference", attributes, name);
  }

  /** Nests `<Queue>`: a call queue by name. */
  queue(name: string): TwimlNode;
  queue(attributes: QueueAttributes, name: string): TwimlNode;
  queue(attributes: QueueAttributes | string, name?: string): TwimlNode {
    return this.add(TwimlNode, "Queue", attributes, name);
  }
}
