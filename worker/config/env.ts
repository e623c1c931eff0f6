/**
 * The worker's bindings, as `wrangler types` declares them from wrangler.toml and the secret names
 * of `.dev.vars.example` (`npm run types` regenerates worker/worker-configuration.d.ts; a test
 * fails when it is stale). Every value is still validated by `load.ts`: a secret declared here may
 * be unset, and `METRICS` is absent where no Analytics Engine binding is configured.
 */
export type Env = Cloudflare.Env;
