import { endpointKind } from "./endpoints.js";
import {
  type Check,
  firstProblem,
  methodsAt,
  oneOfAt,
  type Problem,
  problem,
  timeLimit,
  twimlLength,
  urlsAt,
} from "./validate-params.js";

/** A refused create request: the Twilio code and message to answer with. */
export type CreateProblem = Problem;

const EVENTS = ["initiated", "ringing", "answered", "completed"];

const checkParties: Check = (form) => {
  const to = form.get("To") ?? "";
  const from = form.get("From") ?? "";
  if (!to) return problem(21201, "No 'To' number is specified");
  if (!from) return problem(21213, "A 'From' phone number is required.");
  const toKind = endpointKind(to);
  if (!toKind) return problem(21211, `The 'To' number ${to} is not a valid phone number.`);
  const fromKind = endpointKind(from);
  if (!fromKind || (toKind === "phone" && fromKind !== "phone")) {
    return problem(21212, `The 'From' number ${from} is not a valid phone number or client ID.`);
  }
  return undefined;
};

const checkInstructions: Check = (form) => {
  const app = form.get("ApplicationSid");
  if (app !== null && !/^AP[0-9a-fA-F]{32}$/.test(app)) {
    return problem(21218, `ApplicationSid ${app} is invalid.`);
  }
  if (!form.get("Url") && !form.get("Twiml") && !app) {
    return problem(21205, "Either a 'Url', 'Twiml' or 'ApplicationSid' parameter is required.");
  }
  return undefined;
};

const checkTimeout: Check = (form) => {
  const timeout = form.get("Timeout");
  return timeout !== null && !(/^\d+$/.test(timeout) && +timeout >= 1 && +timeout <= 600)
    ? problem(21208, `Timeout must be an integer from 1 to 600, not ${timeout}.`)
    : undefined;
};

const checkEvents: Check = (form) => {
  const badEvent = form.getAll("StatusCallbackEvent").find((event) => !EVENTS.includes(event));
  return badEvent === undefined
    ? undefined
    : problem(20001, `StatusCallbackEvent ${badEvent} is not one of ${EVENTS.join(", ")}.`);
};

const CREATE_CHECKS: readonly Check[] = [
  checkParties,
  checkInstructions,
  twimlLength,
  urlsAt([
    "Url",
    "FallbackUrl",
    "StatusCallback",
    "RecordingStatusCallback",
    "AsyncAmdStatusCallback",
  ]),
  methodsAt([
    "Method",
    "FallbackMethod",
    "StatusCallbackMethod",
    "RecordingStatusCallbackMethod",
    "AsyncAmdStatusCallbackMethod",
  ]),
  checkTimeout,
  timeLimit,
  checkEvents,
  oneOfAt({
    MachineDetection: ["Enable", "DetectMessageEnd"],
    Record: ["true", "false"],
    RecordingChannels: ["mono", "dual"],
    RecordingTrack: ["inbound", "outbound", "both"],
    Trim: ["trim-silence", "do-not-trim"],
    AsyncAmd: ["true", "false"],
  }),
];

/** Checks a create-call form as Twilio does; returns the first problem, or undefined. */
export const validateCreate = (form: URLSearchParams): CreateProblem | undefined =>
  firstProblem(form, CREATE_CHECKS);
