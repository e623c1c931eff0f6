// Every builder method of the official VoiceResponse, as the installed package declares it, with
// every attribute its `*Attributes` type declares set to a hostile but legal value.
import ts from "typescript";
import { officialDeclarations, officialElements } from "../../scripts/twiml-table.js";

/** Text with everything XML must escape or could misread, but nothing it cannot carry. */
export const HOSTILE_TEXT = `Tom & Jerry <b>"x"</b> 'y' ]]> &amp; \t tab\n line\r cr Grüße 👋🏽`;
const HOSTILE_VALUE = `a&b<c>d"e'f ]]> &lt; \t tab\n line\r cr ü 👋`;

/** A node of either builder, driven by name. */
export type DynamicNode = { [method: string]: (...args: unknown[]) => DynamicNode } & {
  toString(): string;
};

/** One builder method of one element kind, and how to reach a node of that kind from the root. */
export type Edge = {
  kind: string;
  method: string;
  tag: string;
  /** Methods to call, without arguments, from the `<Response>` to a node of `kind`. */
  path: string[];
  /** Whether the method takes text (`say(message)`, `dial(number)`) besides attributes. */
  takesText: boolean;
  /** Every attribute the official type declares, with a value of its type. */
  attributes: Record<string, unknown>;
};

const declarations = officialDeclarations();
const elements = officialElements();

const sampleValue = (type: ts.TypeNode, name: string): unknown => {
  if (ts.isArrayTypeNode(type)) {
    const one = sampleValue(type.elementType, name);
    return typeof one === "string" && ts.isTypeReferenceNode(type.elementType)
      ? unionOf(type.elementType).slice(0, 3)
      : [one, one];
  }
  if (ts.isTypeReferenceNode(type)) return unionOf(type).at(-1);
  if (type.kind === ts.SyntaxKind.NumberKeyword) return name.length % 2 ? 0 : 1.5;
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return name.length % 2 === 0;
  return `${name}: ${HOSTILE_VALUE}`;
};

const unionOf = (type: ts.TypeReferenceNode): string[] => {
  const members = declarations.unions[type.typeName.getText()];
  if (!members) throw new Error(`no union ${type.getText()}`);
  return members;
};

const attributesFor = (kind: string, method: string): Record<string, unknown> => {
  const type = declarations.classes[kind]?.[method]?.overloads.at(-1)?.[0]?.type;
  if (!type || !ts.isTypeReferenceNode(type)) return {};
  const members = declarations.interfaces[type.typeName.getText().split(".").pop() ?? ""] ?? {};
  return Object.fromEntries(
    Object.entries(members).map(([name, member]) => [name, sampleValue(member.type, name)]),
  );
};

const paths: Record<string, string[]> = { VoiceResponse: [] };
/** Every builder method of every element kind the official VoiceResponse can reach. */
export const EDGES: Edge[] = [];
for (const [kind, methods] of Object.entries(elements)) {
  for (const [method, [tag, child]] of Object.entries(methods)) {
    const path = paths[kind] ?? [];
    paths[child] ??= [...path, method];
    const overloads = declarations.classes[kind]?.[method]?.overloads ?? [];
    EDGES.push({
      kind,
      method,
      tag,
      path,
      takesText: overloads.length > 1,
      attributes: attributesFor(kind, method),
    });
  }
}

/** Walks `path` from a new `<Response>` and hands the node reached to `last`. */
export const buildAt = (
  Response: new () => unknown,
  path: readonly string[],
  last: (node: DynamicNode) => unknown,
): string => {
  const root = new Response() as DynamicNode;
  let node = root;
  for (const method of path) node = (node[method] as () => DynamicNode)();
  last(node);
  return root.toString();
};

/**
 * One document holding every element kind once, expanded with every method it has, each called
 * with every attribute and, where it takes text, hostile text.
 */
export const buildEverything = (Response: new () => unknown): string => {
  const root = new Response() as DynamicNode;
  const expanded = new Set<string>();
  const expand = (node: DynamicNode, kind: string): void => {
    if (expanded.has(kind)) return;
    expanded.add(kind);
    for (const edge of EDGES.filter((e) => e.kind === kind)) {
      const call = node[edge.method] as (...args: unknown[]) => DynamicNode;
      const args = edge.takesText ? [edge.attributes, HOSTILE_TEXT] : [edge.attributes];
      const child = call.apply(node, args);
      const childKind = elements[kind]?.[edge.method]?.[1] ?? "";
      expand(child, childKind);
    }
  };
  expand(root, "VoiceResponse");
  return root.toString();
};
