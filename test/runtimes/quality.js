// Package quality of the tarball: only what a user needs is in it, and publint and attw are clean.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const ALLOWED = /^(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
const REQUIRED = ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/index.js"];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** Problems with the tarball's file list (stray files, missing ones), after printing the list. */
export const checkFileList = (report, log) => {
  const sizes = `${kb(report.size)} packed, ${kb(report.unpackedSize)} unpacked`;
  log(`tarball: ${report.filename}, ${report.entryCount} files, ${sizes}`);
  for (const file of report.files) log(`  ${String(file.size).padStart(7)}  ${file.path}`);
  const paths = report.files.map((file) => file.path);
  return [
    ...paths.filter((path) => !ALLOWED.test(path)).map((path) => `tarball holds ${path}`),
    ...REQUIRED.filter((path) => !paths.includes(path)).map((path) => `tarball lacks ${path}`),
  ];
};

// Runs a linter's CLI; returns a problem when it exits non-zero, after printing its output.
const lint = (cwd, name, args, log, root = cwd) => {
  const result = spawnSync(join(root, "node_modules/.bin", name), args, {
    cwd,
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  for (const line of output.split("\n")) log(`  ${name} | ${line}`);
  return result.status === 0 ? [] : [`${name} failed (exit ${result.status ?? result.signal})`];
};

/**
 * publint (strict: warnings fail too) and attw on the tarball. attw uses the esm-only profile: the
 * package is ESM-only, so the node10 and node16-from-CJS resolutions are not judged.
 */
export const lintTarball = (root, tarball, log) => [
  ...lint(root, "publint", ["run", tarball, "--strict"], log),
  ...lint(
    root,
    "attw",
    [tarball, "--profile", "esm-only", "--format", "table-flipped", "--no-emoji", "--no-color"],
    log,
  ),
];

// What a TypeScript user writes against the installed package: every entry point, typed results.
const CONSUMER_TS = `
import { createClient, TwilioApiError, type Call, type CallCreateParams } from "twilio-edge-calls";
import { validateWebhookRequest } from "twilio-edge-calls/webhooks";
import { createProxyClient, ProxyError, type ProxyCall } from "twilio-edge-calls/proxy";
import { VoiceResponse } from "twilio-edge-calls/twiml";

const client = createClient({ accountSid: "AC00000000000000000000000000000000", authToken: "x" });
const params: CallCreateParams = { to: "+15558675310", from: "+15017122661", twiml: new VoiceResponse() };
export const call: Promise<Call> = client.calls.create(params, { timeout: 5_000 });
export const when = (c: Call): Date | null => c.dateCreated;
export const code = (e: unknown) => (e instanceof TwilioApiError ? e.code : undefined);
export const valid: Promise<boolean> = validateWebhookRequest(new Request("https://x.test"), { authToken: "t" });
const proxy = createProxyClient({ baseUrl: "https://calls.example.com", token: "t" });
export const created: Promise<ProxyCall> = proxy.createCall({ to: "+15558675310" });
export const isProxyError = (e: unknown) => e instanceof ProxyError && e.status;
// @ts-expect-error an unknown parameter does not compile
export const typo = client.calls.create({ to: "+1", from: "+1", statusCalback: "https://x.test" });
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "es2022",
    lib: ["es2022", "dom"],
    module: "nodenext",
    moduleResolution: "nodenext",
    types: [],
  },
  files: ["consumer.ts"],
};

/** Type-checks a TypeScript consumer of the installed package (NodeNext resolution, strict). */
export const typecheckConsumer = (root, consumer, log) => {
  writeFileSync(join(consumer, "consumer.ts"), CONSUMER_TS);
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG));
  return lint(consumer, "tsc", ["-p", "tsconfig.json"], log, root);
};
