// Deno entry: the `npm:` specifiers of the README's Deno snippet, resolved from the consumer's
// node_modules (the driver runs it with --node-modules-dir=manual --cached-only: no download).
import * as core from "npm:twilio-edge-calls";
import * as proxy from "npm:twilio-edge-calls/proxy";
import * as twiml from "npm:twilio-edge-calls/twiml";
import * as webhooks from "npm:twilio-edge-calls/webhooks";
import { resultLine, runScenario } from "../scenario.js";

const checks = await runScenario({ core, webhooks, proxy, twiml }, Deno.args[0]);
console.log(resultLine(`deno ${Deno.version.deno}`, checks));
