// Bun entry: the README's Bun snippet, bare specifiers from the consumer's node_modules.
import * as core from "twilio-edge-calls";
import * as proxy from "twilio-edge-calls/proxy";
import * as twiml from "twilio-edge-calls/twiml";
import * as webhooks from "twilio-edge-calls/webhooks";
import { resultLine, runScenario } from "../scenario.js";

const checks = await runScenario({ core, webhooks, proxy, twiml }, Bun.argv[2]);
console.log(resultLine(`bun ${Bun.version}`, checks));
