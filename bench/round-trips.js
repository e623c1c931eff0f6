// Counts the Durable Object round trips the proxy makes: the worker runs behind a small entry module
// that wraps every Durable Object namespace of its env (the worker's and each object's own) and
// counts each method called on a stub, in memory (a log line each would put a write to workerd's
// stdout, and its parsing in Node, on the path being timed). Nothing in the worker is changed.
import { readFileSync } from "node:fs";

/** The path at which the counting entry answers its counts (`{ "BINDING.method": n }`) itself. */
export const ROUND_TRIPS_PATH = "/__bench/round-trips";

/**
 * The Durable Object bindings of a wrangler.toml (`[[durable_objects.bindings]]` name and class),
 * read from the tree being measured, so the benchmark runs the objects that tree deploys.
 * @returns {Record<string, string>} binding name -> class name
 */
export const durableObjectBindings = (toml = new URL("../wrangler.toml", import.meta.url)) => {
  const text = readFileSync(toml, "utf8");
  const bindings = {};
  for (const block of text.split("[[durable_objects.bindings]]").slice(1)) {
    const name = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const className = /^class_name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (name && className) bindings[name] = className;
  }
  return bindings;
};

/**
 * The entry module that counts: it re-exports the worker (`./worker.js`) with every namespace in
 * `env` wrapped, and each Durable Object class subclassed so that its `env` is wrapped too; a GET of
 * {@link ROUND_TRIPS_PATH} answers the counts so far.
 * @param {string[]} classNames the Durable Object classes the worker exports
 */
export const countingEntry = (classNames) => `
import worker, * as real from "./worker.js";
// The worker and its objects share one isolate (and this module) in workerd.
const counts = {};
const wrapStub = (stub, binding) => new Proxy(stub, {
  get(target, key) {
    const value = target[key];
    if (typeof value !== "function" || key === "then") return value;
    return (...args) => {
      const trip = binding + "." + String(key);
      counts[trip] = (counts[trip] ?? 0) + 1;
      return Reflect.apply(value, target, args);
    };
  },
});
const wrapNamespace = (namespace, binding) => new Proxy(namespace, {
  get(target, key) {
    const value = target[key];
    if (key === "get") return (...args) => wrapStub(Reflect.apply(value, target, args), binding);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const wrapped = new WeakMap();
const wrapEnv = (env) => {
  let result = wrapped.get(env);
  if (!result) {
    result = { ...env };
    for (const [key, value] of Object.entries(env)) {
      if (value && typeof value.idFromName === "function") result[key] = wrapNamespace(value, key);
    }
    wrapped.set(env, result);
  }
  return result;
};
${classNames
  .map(
    (name) =>
      `export class ${name} extends real.${name} { constructor(ctx, env) { super(ctx, wrapEnv(env)); } }`,
  )
  .join("\n")}
export default {
  fetch: (request, env, ctx) =>
    request.url.endsWith(${JSON.stringify(ROUND_TRIPS_PATH)})
      ? Response.json(counts)
      : worker.fetch(request, wrapEnv(env), ctx),
};
`;
