import { type Attributes, checkName, escapeText, renderAttributes } from "./xml.js";

type NodeClass<T> = new (root: TwimlNode | undefined, tag: string, attributes: string) => T;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * One TwiML element. The builder methods make these; `toString()` on any of them renders the whole
 * document, as in the official library.
 */
export class TwimlNode {
  readonly #root: TwimlNode | undefined;
  readonly #tag: string;
  readonly #attributes: string;
  readonly #children: (TwimlNode | string)[] = [];

  /** @internal Made by the builder methods; `root` is undefined for the `<Response>` itself. */
  constructor(root: TwimlNode | undefined, tag: string, attributes: string) {
    this.#root = root;
    this.#tag = tag;
    this.#attributes = attributes;
  }

  /** Appends a child element; a string in place of the attributes is its text. */
  protected add<T extends TwimlNode>(
    Node: NodeClass<T>,
    tag: string,
    attributes?: Attributes | string | null,
    text?: string,
  ): T {
    const [attrs, body] = typeof attributes === "string" ? [{}, attributes] : [attributes, text];
    const node = new Node(this.#root ?? this, tag, renderAttributes(tag, attrs ?? {}));
    if (body != null) node.addText(body);
    this.#children.push(node);
    return node;
  }

  /** Appends text (escaped) to this element. */
  addText(content: string): void {
    this.#children.push(escapeText(this.#tag, String(content)));
  }

  /** Appends an element the builder has no method for, such as `<Stream>`; it can nest further. */
  addChild(tagName: string, attributes?: Attributes): TwimlNode {
    checkName("tagName", tagName);
    return this.add(TwimlNode, tagName, attributes);
  }

  /** The whole document, with the XML declaration, as the official `toString()` gives it. */
  toString(): string {
    return this.#root ? this.#root.toString() : DECLARATION + this.#xml();
  }

  #xml(): string {
    const body = this.#children.map((c) => (typeof c === "string" ? c : c.#xml())).join("");
    return `<${this.#tag}${this.#attributes}${body ? `>${body}</${this.#tag}>` : "/>"}`;
  }
}
