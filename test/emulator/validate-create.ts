import { endpointKind } from "./endpoints.js";
import type { ErrorCode } from "./error-codes.js";

/** A refused create request: the Twilio code and message to answer with. */
export type CreateProblem = { code: ErrorCode; message: string };

const METHOD_PARAMS = [
  "Method",
  "FallbackMethod",
  "StatusCallbackMethod",
  "RecordingStatusCallbackMethod",
  "AsyncAmdStatusCallbackMethod",
];
const URL_PARAMS = [
  "Url",
  "FallbackUrl",
  "StatusCallback",
  "RecordingStatusCallback",
  "AsyncAmdStatusCallback",
];
const EVENTS = ["initiated", "ringing", "answered", "completed"];
const ENUMS: Record<string, string[]> = {
  MachineDetection: ["Enable", "DetectMessageEnd"],
  Record: ["true", "false"],
  RecordingChannels: ["mono", "dual"],
  RecordingTrack: ["inbound", "outbound", "both"],
  Trim: ["trim-silence", "do-not-trim"],
  AsyncAmd: ["true", "false"],
};

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.hostname.includes("_");
  } catch {
    return false;
  }
};

const problem = (code: ErrorCode, message: string): CreateProblem => ({ code, message });

const checkParties = (form: URLSearchParams): CreateProblem | undefined => {
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

const checkInstructions = (form: URLSearchParams): CreateProblem | undefined => {
  const app = form.get("ApplicationSid");
  if (app !== null && !/^AP[0-9a-fA-F]{32}$/.test(app)) {
    return problem(21218, `ApplicationSid ${app} is invalid.`);
  }
  if (!form.get("Url") && !form.get("Twiml") && !app) {
    return problem(21205, "Either a 'Url', 'Twiml' or 'ApplicationSid' parameter is required.");
  }
  const twiml = form.get("Twiml");
  if (twiml !== null && twiml.length > 4000) {
    return problem(20001, "Twiml is too long: it may have at most 4000 characters.");
  }
  return undefined;
};

const checkOptions = (form: URLSearchParams): CreateProblem | undefined => {
  for (const key of URL_PARAMS) {
    const value = form.get(key);
    if (value !== null && !isHttpUrl(value)) {
      return problem(21205, `${key} is not a valid URL: ${value}`);
    }
  }
  for (const key of METHOD_PARAMS) {
    const value = form.get(key);
    if (value !== null && value !== "GET" && value !== "POST") {
      return problem(21209, `${key} must be GET or POST, not ${value}.`);
    }
  }
  const timeout = form.get("Timeout");
  if (timeout !== null && !(/^\d+$/.test(timeout) && +timeout >= 1 && +timeout <= 600)) {
    return problem(21208, `Timeout must be an integer from 1 to 600, not ${timeout}.`);
  }
  const badEvent = form.getAll("StatusCallbackEvent").find((event) => !EVENTS.includes(event));
  if (badEvent !== undefined) {
    return problem(20001, `StatusCallbackEvent ${badEvent} is not one of ${EVENTS.join(", ")}.`);
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    const value = form.get(key);
    if (value !== null && !allowed.includes(value)) {
      return problem(20001, `${key} must be one of ${allowed.join(", ")}, not ${value}.`);
    }
  }
  return undefined;
};

/** Checks a create-call form as Twilio does; returns the first problem, or undefined. */
export const validateCreate = (form: URLSearchParams): CreateProblem | undefined =>
  checkParties(form) ?? checkInstructions(form) ?? checkOptions(form);
