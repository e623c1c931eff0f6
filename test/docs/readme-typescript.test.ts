// Every TypeScript example of README.md, and every JavaScript one outside the quick starts (which
// test/quick-starts/ runs), compiles under strict TypeScript against the package's own types, as a
// user pastes it: only the names the example takes as given are declared around it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");
const quickStart = readme.slice(
  readme.indexOf("\n## Quick start\n"),
  readme.indexOf("\n## Client options\n"),
);

/** The names an example uses without defining them, keyed by a line only that example has. */
const GIVEN: [marker: string, declarations: string][] = [
  // The Workers quick start: `Env` as `npx wrangler types` writes it from the .dev.vars it names.
  [
    "async fetch(request: Request, env: Env): Promise<Response> {",
    "interface Env { TWILIO_ACCOUNT_SID: string; TWILIO_API_KEY: string; TWILIO_API_SECRET: string; TWILIO_BASE_URL: string }",
  ],
  ["await twilio.calls(call.sid).remove();", "declare const to: string, from: string;"],
  ["const live = await twilio.calls.list(", ""],
  [
    "onResponse: ({ method, path, status, requestId, attempt, durationMs })",
    'import { createClient } from "twilio-edge-calls";\ndeclare const accountSid: string, authToken: string;',
  ],
  [
    'relay.language({ code: "fr-FR", ttsProvider: "Google", voice: "fr-FR-Neural2-B" });',
    "declare const accountSid: string, authToken: string;\ndeclare const customer: { name: string; id: string; phone: string };",
  ],
  [
    "response.start().transcription({",
    "declare const accountSid: string, authToken: string, to: string, from: string;",
  ],
  ["// Cloudflare Worker", ""],
  [
    "// Deno, behind a tunnel",
    "declare const Deno: { serve(handler: (request: Request) => Promise<Response>): void; env: { get(name: string): string | undefined } };",
  ],
  [
    "if (!(await validateWebhookRequest(request,",
    'import { validateWebhookRequest } from "twilio-edge-calls/webhooks";\ndeclare const request: Request, env: { TWILIO_AUTH_TOKEN: string };\nexport const handle = async () => {',
  ],
  [
    "hangUpButton.onclick = () => proxy.hangUp(call.sid);",
    "declare const auth: { currentJwt(): Promise<string> };\ndeclare const hangUpButton: HTMLButtonElement;\ndeclare function render(status: string): void;\ndeclare function showMessage(text: string): void;",
  ],
  ["const campaigns = createCampaignClient(", ""],
];

/** What an example needs after it: the closing of a wrapper its prelude opened. */
const AFTER: Record<string, string> = {
  "if (!(await validateWebhookRequest(request,":
    "  return new Response(null, { status: 204 });\n};",
};

/** A client the examples about `twilio.calls` take as made (the quick starts make it). */
const CLIENT = `import { createClient } from "twilio-edge-calls";
const twilio = createClient({ accountSid: "AC00000000000000000000000000000000", authToken: "t" });`;

const examples = [...readme.matchAll(/```(ts|js)\n([\s\S]*?)```/g)]
  .filter((match) => match[1] === "ts" || !quickStart.includes(match[0]))
  .map((match) => match[2] ?? "");

const scratch = resolve(".tmp/readme-typescript");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("every TypeScript example of the README, and every JavaScript one outside the quick starts, compiles as written", () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const files = examples.map((code, index) => {
    const given = GIVEN.find(([marker]) => code.includes(marker));
    if (!given) throw new Error(`README example ${index + 1} has no entry in GIVEN:\n${code}`);
    const [marker, declarations] = given;
    const client = code.includes("twilio.calls") && !code.includes("createClient(") ? CLIENT : "";
    const text = [client, declarations, code, AFTER[marker] ?? "", "export {};"].join("\n");
    const file = join(scratch, `example-${index + 1}.ts`);
    writeFileSync(file, text);
    return file;
  });
  const entry = (path: string) => [resolve("src", path)];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [resolve("node_modules/@types")],
    paths: Object.fromEntries(
      ["", "npm:"].flatMap((prefix) => [
        [`${prefix}twilio-edge-calls`, entry("index.ts")],
        [`${prefix}twilio-edge-calls/webhooks`, entry("webhooks/index.ts")],
        [`${prefix}twilio-edge-calls/proxy`, entry("proxy-client/index.ts")],
        [`${prefix}twilio-edge-calls/twiml`, entry("twiml/index.ts")],
      ]),
    ),
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.includes(resolve(diagnostic.file.fileName)))
    .map((diagnostic) => {
      const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? {
        line: 0,
      };
      const lines = diagnostic.file?.text.split("\n") ?? [];
      return `${diagnostic.file?.fileName}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}\n  ${lines[line]?.trim()}`;
    });
  expect(examples.length).toBeGreaterThanOrEqual(GIVEN.length);
  expect(errors).toEqual([]);
});
