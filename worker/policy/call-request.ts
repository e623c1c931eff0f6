import * as v from "valibot";
import type { CallCreateParams } from "../../src/index.js";
import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";
import { canonicalForm } from "./phone-number.js";

const BODY = v.strictObject({
  to: v.string("must be a string"),
  from: v.optional(v.string("must be a string")),
  flow: v.optional(v.string("must be a string")),
});

/** The accepted body of `POST /v1/calls`: only these three fields exist. */
export type CallRequest = v.InferOutput<typeof BODY>;

/** Validates the body strictly; an unknown field (`url`, `twiml`, `statusCallback`…) is a 400. */
export const parseCallRequest = (body: Record<string, unknown>): CallRequest => {
  const result = v.safeParse(BODY, body);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const field = String(issue.path?.[0]?.key ?? "body");
  if (issue.type === "strict_object" && issue.input !== undefined && field in body) {
    throw fail(
      400,
      "unknown_field",
      "Unknown field",
      `${field} is not accepted; the body may only hold to, from and flow.`,
    );
  }
  const rule = issue.input === undefined ? "is required" : issue.message;
  throw fail(400, "invalid_field", "Invalid field", `${field} ${rule}.`);
};

/** The call as the proxy places it: the caller chose `to`, `from` and `flow`, config the rest. */
export type NarrowedCall = { to: string; from: string; flow: string; params: CallCreateParams };

/**
 * Narrows a request to what the caller may choose: `from` must be one of `CALLER_IDS`, exactly as
 * written there (an alias of one is a 422 that names it), `flow` a key of
 * `CALL_FLOWS`; Url/Twiml/ApplicationSid, StatusCallback and its events, TimeLimit and Timeout always
 * come from config.
 */
export const narrowCall = (request: CallRequest, config: ProxyConfig): NarrowedCall => {
  const from = request.from ?? (config.callerIds[0] as string);
  if (!config.callerIds.includes(from)) {
    const canonical = canonicalForm(from);
    if (canonical !== undefined && config.callerIds.includes(canonical)) {
      throw fail(
        422,
        "from_not_canonical",
        "Invalid caller ID",
        `from is not written in its E.164 form: did you mean ${canonical}?`,
      );
    }
    throw fail(
      403,
      "from_not_allowed",
      "Caller ID not allowed",
      "from must be one of the proxy's configured caller IDs.",
    );
  }
  const flowName = request.flow ?? config.defaultFlow;
  const flow = Object.hasOwn(config.flows, flowName) ? config.flows[flowName] : undefined;
  if (!flow) {
    throw fail(
      400,
      "unknown_flow",
      "Unknown flow",
      "flow must be the name of a configured call flow.",
    );
  }
  const params: CallCreateParams = {
    to: request.to,
    from,
    statusCallback: config.statusCallbackUrl,
    statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
    statusCallbackMethod: "POST",
    timeLimit: flow.timeLimit ?? config.callTimeLimit,
    timeout: flow.timeout ?? config.ringTimeout,
  };
  if (flow.url !== undefined) params.url = flow.url;
  if (flow.applicationSid !== undefined) params.applicationSid = flow.applicationSid;
  if (flow.twiml !== undefined) params.twiml = flow.twiml;
  if (flow.record !== undefined) params.record = flow.record;
  if (flow.machineDetection !== undefined) params.machineDetection = flow.machineDetection;
  return { to: request.to, from, flow: flowName, params };
};
