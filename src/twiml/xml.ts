import { TwilioValidationError } from "../shared/errors.js";
import { WIRE_NAMES } from "./table.js";

/** Callback method, as Twilio takes it. */
export type TwimlMethod = "GET" | "POST" | (string & {});

/** An attribute value as TwiML takes it: arrays are joined with spaces, null and undefined are left out. */
export type AttributeValue =
  | string
  | number
  | boolean
  | readonly (string | number)[]
  | null
  | undefined;

/**
 * Attributes of a TwiML element, written in the order given, names as given (camelCase), except
 * `interpretAs` of `<say-as>` and `xmlLang` of `<lang>`, written `interpret-as` and `xml:lang`.
 */
export type Attributes = { readonly [name: string]: AttributeValue };

// What XML 1.0 cannot carry (the list xmlbuilder checks): C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE and U+FFFF.
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// ASCII subset of the XML Name production: every TwiML name fits it.
const NAME = /^[A-Za-z_:][\w.:-]*$/;
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};
const entity = (char: string): string => ENTITIES[char] as string;

const legal = (field: string, value: string): string => {
  const bad = ILLEGAL.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    throw new TwilioValidationError(field, `must not contain U+${code}, which XML cannot carry`);
  }
  return value;
};

/** Throws unless `name` can be an XML element or attribute name. */
export const checkName = (field: string, name: string): void => {
  if (!NAME.test(name)) throw new TwilioValidationError(field, "must be a valid XML name");
};

// Text as the official library takes it: anything but null and undefined, which it refuses too.
const stringOf = (field: string, value: unknown): string => {
  if (value == null) throw new TwilioValidationError(field, `must be text, not ${value}`);
  return String(value);
};

/** Escapes element text as the official library does: `&`, `<`, `>` and CR. */
export const escapeText = (field: string, text: unknown): string =>
  legal(field, stringOf(field, text)).replace(/[&<>\r]/g, entity);

/** Renders attributes as ` name="value"` pairs; values escape `&`, `<`, `"`, tab, LF and CR. */
export const renderAttributes = (tag: string, attributes: Attributes): string => {
  let xml = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null) continue;
    const field = `${tag}.${name}`;
    checkName(field, name);
    const wire = WIRE_NAMES[`${tag} ${name}`] ?? name;
    if (wire !== name && attributes[wire] != null) {
      throw new TwilioValidationError(field, `is written "${wire}", which is also given; give one`);
    }
    const text = String(Array.isArray(value) ? value.join(" ") : value);
    xml += ` ${wire}="${legal(field, text).replace(/[&<"\t\n\r]/g, entity)}"`;
  }
  return xml;
};

/** Renders an XML comment, refusing `--`, which would end it early (the official throws too). */
export const comment = (field: string, text: unknown): string => {
  const value = stringOf(field, text);
  if (value.includes("--")) throw new TwilioValidationError(field, 'must not contain "--"');
  return `<!-- ${legal(field, value)} -->`;
};
