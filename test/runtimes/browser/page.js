// Browser entry, bundled by esbuild and loaded as an ES module page served by the stand-in, so the
// package's requests are same-origin (no CORS) and go to the same loopback stand-in.
import * as core from "twilio-edge-calls";
import * as proxy from "twilio-edge-calls/proxy";
import * as twiml from "twilio-edge-calls/twiml";
import * as webhooks from "twilio-edge-calls/webhooks";
import { runScenario } from "../scenario.js";

globalThis.scenarioResult = runScenario({ core, webhooks, proxy, twiml }, location.origin);
