import { CHILDREN, TAGS } from "./table.js";
import { type Attributes, checkName, comment, escapeText, renderAttributes } from "./xml.js";

/** What an element holds: elements, and text or comments already rendered. */
type Child = TwimlNode | string;
type NodeClass = new (document: Child[] | undefined, tag: string, attributes: string) => TwimlNode;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const CLASSES: Record<string, NodeClass> = {};

/**
 * One TwiML element. The builder methods make these; `toString()` on any of them renders the whole
 * document, as in the official library.
 */
export class TwimlNode {
  /** The document: comments before the `<Response>`, the `<Response>`, comments after it. */
  readonly #document: Child[];
  readonly #tag: string;
  readonly #attributes: string;
  readonly #children: Child[] = [];

  /** @internal Made by the builder methods; `document` is undefined for the `<Response>` itself. */
  constructor(document: Child[] | undefined, tag: string, attributes: string) {
    this.#document = document ?? [this];
    this.#tag = tag;
    this.#attributes = attributes;
  }

  /**
   * @internal The node class of an element kind of the table in table.ts: one builder method per
   * element it can nest. Kinds that nest nothing are plain `TwimlNode`s.
   */
  static kind(kind: string): NodeClass {
    let Kind = CLASSES[kind];
    if (Kind) return Kind;
    const methods = CHILDREN[kind];
    Kind = methods ? class extends TwimlNode {} : TwimlNode;
    CLASSES[kind] = Kind;
    for (const entry of methods ? methods.split(" ") : []) {
      const [method = "", child = method[0]?.toUpperCase() + method.slice(1)] = entry.split(":");
      Object.defineProperty(Kind.prototype, method, {
        configurable: true,
        writable: true,
        value(this: TwimlNode, attributes?: Attributes | string, text?: string) {
          return this.add(TwimlNode.kind(child), TAGS[child] ?? child, attributes, text);
        },
      });
    }
    return Kind;
  }

  /** Appends a child element; a string in place of the attributes is its text. */
  protected add(
    Kind: NodeClass,
    tag: string,
    attributes?: Attributes | string | null,
    text?: string,
  ): TwimlNode {
    const [attrs, body] = typeof attributes === "string" ? [{}, attributes] : [attributes, text];
    const node = new Kind(this.#document, tag, renderAttributes(tag, attrs ?? {}));
    // Null text is refused: the official library silently leaves the whole element out.
    if (body !== undefined) node.addText(body);
    this.#children.push(node);
    return node;
  }

  /**
   * Adds `<!-- text -->`: at the end of this element (`where` 0), or just before (-1) or after (1)
   * it in the document. Each comment after goes right after the element, as in the official library.
   */
  protected addComment(field: string, text: string, where: -1 | 0 | 1): void {
    const xml = comment(field, text);
    if (where === 0) this.#children.push(xml);
    else this.#document.splice(this.#document.indexOf(this) + (where === 1 ? 1 : 0), 0, xml);
  }

  /** Appends text (escaped) to this element. */
  addText(content: string): void {
    this.#children.push(escapeText(this.#tag, content));
  }

  /** Appends an element the builder has no method for; it can nest further with `addChild`. */
  addChild(tagName: string, attributes?: Attributes): TwimlNode {
    checkName("tagName", tagName);
    return this.add(TwimlNode, tagName, attributes);
  }

  /** The whole document, with the XML declaration, as the official `toString()` gives it. */
  toString(): string {
    return DECLARATION + TwimlNode.#render(this.#document);
  }

  static #render(children: readonly Child[]): string {
    return children.map((child) => (typeof child === "string" ? child : child.#xml())).join("");
  }

  #xml(): string {
    const body = TwimlNode.#render(this.#children);
    return `<${this.#tag}${this.#attributes}${body ? `>${body}</${this.#tag}>` : "/>"}`;
  }
}
