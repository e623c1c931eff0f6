// `npm run lint`: Biome over the files git tracks, so an untracked scratch file never fails the
// build (biome.json's ignores and `vcs.useIgnoreFile` still apply). Outside a git checkout, such
// as an unpacked tarball, it checks everything. Extra arguments go to `biome check` (`--write`).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const tracked = spawnSync("git", ["ls-files", "-z"], { encoding: "utf8" });
const files =
  tracked.status === 0
    ? tracked.stdout.split("\0").filter((file) => file && existsSync(file))
    : ["."];
const result = spawnSync(
  "biome",
  [
    "check",
    "--no-errors-on-unmatched",
    "--files-ignore-unknown=true",
    ...process.argv.slice(2),
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
