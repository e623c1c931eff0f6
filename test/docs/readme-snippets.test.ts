import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");

// The first code block of a README section, from its heading on.
const snippetUnder = (heading: string) => {
  const section = readme.slice(readme.indexOf(`### ${heading}\n`));
  return section.match(/```js\n([\s\S]*?)```/)?.[1];
};

describe("README snippets are the ones the runtime matrix runs", () => {
  it.each([
    ["Deno", "test/runtimes/deno/readme-example.js"],
    ["Bun", "test/runtimes/bun/readme-example.js"],
  ])("%s", (heading, file) => {
    const snippet = snippetUnder(heading);
    expect(snippet).toBeTruthy();
    expect(readFileSync(file, "utf8")).toContain(snippet?.trim());
  });
});
