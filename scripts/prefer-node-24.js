// The node20 dev dependency (Node 20 for the runtime matrix) ships a `node` bin too, and npm may link
// it over the one of the `node` package. Every npm script must run on Node 24, so link that one back.
// Runs as `prepare`, in a clone only (the published package has no scripts/ and skips it).
import { existsSync, rmSync, symlinkSync } from "node:fs";

if (existsSync("node_modules/node/bin/node")) {
  rmSync("node_modules/.bin/node", { force: true });
  symlinkSync("../node/bin/node", "node_modules/.bin/node");
}

// npm itself ran on the machine's Node (its user agent says which); below 22 it would have listed
// an engine warning for each dev tool, which .npmrc (loglevel=error) hides: say once why that is fine.
// Only for an install: `npm pack` and `npm publish` run `prepare` too, and list no engine warnings.
const npmNode = /\bnode\/v(\d+)/.exec(process.env.npm_config_user_agent ?? "")?.[1];
const npmCommand = process.env.npm_command ?? "";
if (npmNode && Number(npmNode) < 22 && ["ci", "install"].includes(npmCommand)) {
  console.log(
    `Node ${npmNode} ran npm ${npmCommand}: fine. wrangler, vitest and miniflare need Node 22.12+, so every npm script runs on the Node 24 just installed (the \`node\` dev dependency); the package itself supports Node 20+.`,
  );
}
