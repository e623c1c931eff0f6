import { type LogFields, reasonOf } from "./log.js";
import { routeTemplate } from "./router.js";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** `accepted` (below 400), `refused` (4xx: the proxy said no) or `failed` (5xx). */
export const outcomeOf = (status: number): "accepted" | "refused" | "failed" =>
  status < 400 ? "accepted" : status < 500 ? "refused" : "failed";

/**
 * Writes the request's one Analytics Engine data point (the `METRICS` binding; nothing when it is
 * absent). Layout, as the SQL API sees it: `index1` and `blob1` the route template, `blob2` the
 * reason code, `blob3` the outcome, `blob4` the method; `double1` the status, `double2` the
 * duration in ms. No number, caller, sid or secret: only fixed codes and the route's template.
 */
export const recordRequestMetric = (
  dataset: AnalyticsEngineDataset | undefined,
  request: Request,
  status: number,
  startedAt: number,
  fields: LogFields,
): void => {
  if (!dataset) return;
  const route = routeTemplate(new URL(request.url).pathname);
  const method = METHODS.has(request.method) ? request.method : "OTHER";
  try {
    dataset.writeDataPoint({
      indexes: [route],
      blobs: [route, reasonOf(status, fields), outcomeOf(status), method],
      doubles: [status, Date.now() - startedAt],
    });
  } catch {
    // A metric that cannot be written must never cost the caller their answer.
  }
};
