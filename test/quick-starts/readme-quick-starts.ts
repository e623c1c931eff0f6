// The README's quick starts as a user reads them: under each heading of "## Quick start", the code
// block, the file it is saved as, and the command that runs it.
import { readFileSync } from "node:fs";

/** One quick start: its heading, the file to save its code as, the code, and the shell command. */
export type QuickStart = {
  heading: string;
  file: string;
  code: string;
  command: string | undefined;
};

/** The text from `heading` to the next heading of the same level or above. */
const section = (text: string, heading: string) => {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no "${heading.trim()}"`);
  const level = heading.trim().split(" ")[0]?.length ?? 2;
  const next = text.slice(start + heading.length).search(new RegExp(`\\n#{2,${level}} `));
  return text.slice(start, next < 0 ? undefined : start + heading.length + next);
};

/** The quick starts of README.md, in order. */
export const readQuickStarts = (readme = readFileSync("README.md", "utf8")): QuickStart[] => {
  const quickStart = section(readme, "\n## Quick start\n");
  return [...quickStart.matchAll(/\n### (.+)\n/g)].map(([, heading = ""]) => {
    const text = section(quickStart, `\n### ${heading}\n`);
    const code = /```(?:js|ts)\n([\s\S]*?)```/.exec(text)?.[1] ?? "";
    const file = /save as `([^`]+)`/i.exec(text)?.[1] ?? "";
    // The command: a shell block, or the inline `node …` / `bun …` of the prose.
    const command =
      /```sh\n([^\n]+)\n```/.exec(text)?.[1] ??
      [...text.matchAll(/`((?:node|bun|deno) [^`]+)`/g)].map((match) => match[1]).at(-1);
    return { heading, file, code, command };
  });
};
