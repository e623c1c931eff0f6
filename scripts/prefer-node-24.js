// The node20 dev dependency (Node 20 for the runtime matrix) ships a `node` bin too, and npm may link
// it over the one of the `node` package. Every npm script must run on Node 24, so link that one back.
import { existsSync, rmSync, symlinkSync } from "node:fs";

if (existsSync("node_modules/node/bin/node")) {
  rmSync("node_modules/.bin/node", { force: true });
  symlinkSync("../node/bin/node", "node_modules/.bin/node");
}
