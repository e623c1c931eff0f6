import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";

const readme = readFileSync("README.md", "utf8");

it("the README's refusals query reads the dataset both setups bind, with the columns metrics.ts writes", () => {
  const datasets = ["production", undefined].map(
    (env) =>
      unstable_readConfig({ config: "wrangler.toml", env }, { hideWarnings: true })
        .analytics_engine_datasets,
  );
  for (const bound of datasets)
    expect(bound).toEqual([{ binding: "METRICS", dataset: "twilio_edge_calls" }]);
  const query = /--data "(SELECT[\s\S]*?)"/.exec(readme)?.[1] ?? "";
  expect(query).toContain("FROM twilio_edge_calls");
  // metrics.ts: blobs [route, reason, outcome, method], doubles [status, duration].
  expect(query).toContain("blob2 AS reason");
  expect(query).toContain("blob3 = 'refused'");
  expect(readFileSync("worker/http/metrics.ts", "utf8")).toContain(
    "blobs: [route, reasonOf(status, fields), outcomeOf(status), method]",
  );
});
