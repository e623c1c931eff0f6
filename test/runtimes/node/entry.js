// Node entry (run by Node 20 and Node 24 from the consumer project): plain bare-specifier imports.
import * as core from "twilio-edge-calls";
import * as proxy from "twilio-edge-calls/proxy";
import * as twiml from "twilio-edge-calls/twiml";
import * as webhooks from "twilio-edge-calls/webhooks";
import { resultLine, runScenario } from "../scenario.js";

const checks = await runScenario({ core, webhooks, proxy, twiml }, process.argv[2]);
console.log(resultLine(`node ${process.versions.node}`, checks));
