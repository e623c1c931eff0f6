import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDevVars } from "../../scripts/start/dev-vars.js";
import { SECRETS_FILE, VARS_FILE } from "./production.js";

const scratch = mkdtempSync(join(tmpdir(), "deploy-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `npm run deploy -- …args`, offline: no Cloudflare login, and its API on a closed loopback port. */
const deploy = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(scratch, "config"),
    CLOUDFLARE_API_BASE_URL: "http://127.0.0.1:9/client/v4",
    NO_COLOR: "1",
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  const result = spawnSync(process.execPath, ["scripts/deploy.js", ...args], {
    encoding: "utf8",
    env,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};

const secretsFileWith = (changes: Record<string, string>) => {
  const file = join(scratch, `secrets-${Object.keys(changes).join("-")}`);
  const values = { ...readDevVars(SECRETS_FILE), ...changes };
  writeFileSync(
    file,
    Object.entries(values)
      .map(([k, v]) => `${k}="${v}"`)
      .join("\n"),
  );
  return file;
};

describe("npm run deploy", () => {
  it("--dry-run with a complete config runs the preflight and wrangler's dry run, uploading nothing", () => {
    const { code, output } = deploy("--dry-run", "--vars", VARS_FILE, "--secrets", SECRETS_FILE);
    expect(output).toContain("[deploy] preflight passed");
    expect(output).toContain("--dry-run: exiting now.");
    expect(output).toContain("[deploy] dry run passed");
    expect(code).toBe(0);
    expect(readFileSync(".tmp/deploy/index.js", "utf8")).toContain("CallerObject");
    for (const value of Object.values(readDevVars(SECRETS_FILE)))
      expect(output).not.toContain(value);
  });

  it("--dry-run on the committed placeholders fails closed, naming each setting and its fix", () => {
    const { code, output } = deploy("--dry-run");
    expect(code).toBe(1);
    expect(output).toMatch(
      /✗ PUBLIC_URL: is still a placeholder.*Fix: set it in \[env\.production\.vars\]/,
    );
    expect(output).toMatch(/✗ CORS_ORIGINS: /);
    expect(output).toMatch(/✗ CALLER_IDS: /);
    expect(output).toMatch(/not checked: TWILIO_ACCOUNT_SID/);
    expect(output).toContain("preflight failed (3 problems): nothing was deployed");
    expect(output).not.toContain("wrangler deploy");
  });

  it("refuses a placeholder secret in the secrets file without printing it", () => {
    const file = secretsFileWith({ TWILIO_AUTH_TOKEN: "your_auth_token" });
    const { code, output } = deploy("--dry-run", "--vars", VARS_FILE, "--secrets", file);
    expect(code).toBe(1);
    expect(output).toMatch(/✗ TWILIO_AUTH_TOKEN: is a placeholder/);
    expect(output).not.toContain("your_auth_token");
  });

  it("a dry run with a secrets file treats a secret missing from it as missing in production", () => {
    const values = readDevVars(SECRETS_FILE);
    const file = join(scratch, "no-auth-token");
    writeFileSync(
      file,
      `TWILIO_ACCOUNT_SID="${values.TWILIO_ACCOUNT_SID}"\nPROXY_API_KEYS="${values.PROXY_API_KEYS}"\n`,
    );
    const { code, output } = deploy("--dry-run", "--vars", VARS_FILE, "--secrets", file);
    expect(code).toBe(1);
    expect(output).toMatch(
      /✗ TWILIO_AUTH_TOKEN: is not set in production\. Fix: run `npx wrangler secret put TWILIO_AUTH_TOKEN --env production`/,
    );
  });

  it("a real deploy without a Cloudflare login stops before the upload and says how to log in", () => {
    const { code, output } = deploy("--vars", VARS_FILE, "--secrets", SECRETS_FILE);
    expect(code).toBe(1);
    expect(output).toMatch(
      /✗ secrets: could not check which are set in production: you are not logged in to Cloudflare: run `npx wrangler login`/,
    );
    expect(output).toContain("nothing was deployed");
  });
});
