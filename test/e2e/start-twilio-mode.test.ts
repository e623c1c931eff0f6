import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProxyClient } from "../../src/proxy-client/index.js";
import { runStartToExit, type StartedDemo, startDemo } from "./start-process.js";

// With a Twilio account in .dev.vars, npm start uses it instead of the emulator. No request here
// reaches Twilio: the only call attempted is refused by the proxy's own destination policy.
const dir = mkdtempSync(join(tmpdir(), "start-twilio-mode-"));
const devVars = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};

const ACCOUNT = `AC${"1".repeat(32)}`;
const FLOWS = { welcome: { url: "https://example.com/welcome.xml" } };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start with a Twilio account in .dev.vars", () => {
  let demo: StartedDemo;

  beforeAll(async () => {
    const path = devVars("complete.vars", [
      `TWILIO_ACCOUNT_SID="${ACCOUNT}"`,
      `TWILIO_AUTH_TOKEN="a-real-looking-auth-token"`,
      `PROXY_API_KEYS="my-own-server-key-0123456789"`,
      `CALL_FLOWS='${JSON.stringify(FLOWS)}'`,
    ]);
    demo = await startDemo({ DEV_VARS: path });
  }, 60_000);

  afterAll(async () => {
    await demo?.stop();
  });

  it("uses the account, says so, and starts no emulator", () => {
    expect(demo.output()).toContain(`using your Twilio account ${ACCOUNT}`);
    expect(demo.output()).not.toMatch(/Twilio emulator on/);
    expect(demo.output()).toMatch(/PUBLIC_URL in .dev.vars is not a public URL/);
    expect(demo.config).toMatchObject({
      mode: "twilio",
      flows: ["welcome"],
      specialDestinations: [],
    });
  });

  it("loads the user's settings plus the demo key, and keeps the user's own keys", async () => {
    for (const token of [demo.config.apiKey, "my-own-server-key-0123456789"]) {
      const client = createProxyClient({ baseUrl: demo.origin, token });
      // A refusal by policy (403, not a 500 config problem or a 401) proves both keys are accepted.
      await expect(client.createCall({ to: "+18765550100" })).rejects.toMatchObject({
        status: 403,
        code: "destination_country_not_allowed",
      });
    }
  });
});

describe("npm start with an incomplete Twilio account", () => {
  it("stops before starting anything and names the missing setting", async () => {
    const path = devVars("incomplete.vars", [`TWILIO_ACCOUNT_SID=${ACCOUNT}`]);
    const { code, output } = await runStartToExit({ DEV_VARS: path, PORT: "0" });
    expect(code).toBe(1);
    expect(output).toContain(`set TWILIO_AUTH_TOKEN in ${path}`);
  });
});
