// A fake Analytics Engine binding for the worker tests: the worker runs unchanged in workerd, with
// `METRICS` replaced by a dataset that writes each data point as a marked console line, which the
// harness collects (so a test sees exactly what `writeDataPoint` received, in order).

/** The start of a console line that carries one data point. */
export const DATA_POINT_MARK = "analytics-engine-data-point ";

/** What `writeDataPoint` received for one request. */
export type DataPoint = { indexes: string[]; blobs: string[]; doubles: number[] };

/** The worker's entry, wrapped: the same exports, `env.METRICS` the recording fake. */
export const FAKE_METRICS_WRAPPER = `
import worker from "./index.js";
export * from "./index.js";
const METRICS = {
  writeDataPoint(point) {
    console.log(${JSON.stringify(DATA_POINT_MARK)} + JSON.stringify(point ?? {}));
  },
};
const wrapped = new WeakMap();
export default {
  fetch(request, env, ctx) {
    let withFake = wrapped.get(env);
    if (!withFake) {
      withFake = { ...env, METRICS };
      wrapped.set(env, withFake);
    }
    return worker.fetch(request, withFake, ctx);
  },
};
`;

/** The data point of a console line, or undefined for any other line. */
export const dataPointOf = (line: string): DataPoint | undefined =>
  line.startsWith(DATA_POINT_MARK)
    ? (JSON.parse(line.slice(DATA_POINT_MARK.length)) as DataPoint)
    : undefined;
