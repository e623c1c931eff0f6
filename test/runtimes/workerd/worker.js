// Worker entry, bundled by esbuild as Wrangler would and run by workerd (Miniflare), with no
// nodejs_compat flag: the package must need nothing but the Workers runtime.
import * as core from "twilio-edge-calls";
import * as proxy from "twilio-edge-calls/proxy";
import * as twiml from "twilio-edge-calls/twiml";
import * as webhooks from "twilio-edge-calls/webhooks";
import { runScenario } from "../scenario.js";

export default {
  async fetch(_request, env) {
    return Response.json(await runScenario({ core, webhooks, proxy, twiml }, env.STAND_IN_URL));
  },
};
