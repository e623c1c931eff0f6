// What the figures were measured on: the machine, the versions, the date.
import { readFileSync } from "node:fs";
import os from "node:os";
import { formatBytes } from "./table.js";

const versionOf = (name) => {
  const file = new URL(`../${name ? `node_modules/${name}/` : ""}package.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")).version;
};

/** Lines describing the run's environment, as `label: value` pairs. */
export const environment = () => ({
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, ${formatBytes(os.totalmem())} memory, ${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  packages: [
    `twilio-edge-calls ${versionOf("")}`,
    `twilio ${versionOf("twilio")}`,
    `esbuild ${versionOf("esbuild")}`,
    `miniflare ${versionOf("miniflare")}`,
    `workerd ${versionOf("workerd")}`,
  ].join(", "),
});
