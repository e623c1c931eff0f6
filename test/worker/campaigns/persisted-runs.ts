import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * For tests that run a campaign across several proxies on one kept storage: a fresh storage folder
 * per test, and the last proxy closed and the folders removed after each test, pass or fail.
 */
export const persistedRuns = () => {
  const folders: string[] = [];
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    /** A new, empty folder for the Durable Objects' storage. */
    storage(prefix: string): string {
      const folder = mkdtempSync(join(tmpdir(), prefix));
      folders.push(folder);
      return folder;
    },
    /** Closes the proxy that is still running when the test ends. */
    closeAfter(closing: () => Promise<void>): void {
      close = closing;
    },
  };
};
