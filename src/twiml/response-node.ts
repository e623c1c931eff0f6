import { TwimlNode } from "./node.js";

/** The `<Response>` element: the builder methods of the table, and XML comments around it. */
export class ResponseNode extends TwimlNode.kind("VoiceResponse") {
  constructor() {
    super(undefined, "Response", "");
  }

  /** Appends `<!-- comment -->` inside `<Response>`; a comment cannot contain `--`. */
  comment(comment: string): this {
    this.addComment("comment", comment, 0);
    return this;
  }

  /** Puts `<!-- comment -->` before `<Response>`, after earlier such comments. */
  commentBefore(comment: string): this {
    this.addComment("commentBefore", comment, -1);
    return this;
  }

  /** Puts `<!-- comment -->` right after `</Response>`, before earlier such comments. */
  commentAfter(comment: string): this {
    this.addComment("commentAfter", comment, 1);
    return this;
  }
}
