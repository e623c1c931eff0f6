import type { ErrorCode } from "./error-codes.js";

/** How a call to a destination ends. */
export type CallOutcome = "completed" | "busy" | "no-answer" | "failed";

/** What the emulator does for one destination. */
export type Destination = {
  /** How the call ends once placed. */
  outcome: CallOutcome;
  /** When set, answering machine detection reports a machine instead of a human. */
  machine?: boolean;
  /** When set, the create request itself is refused with this Twilio error. */
  refuse?: { code: ErrorCode; message: string };
};

/**
 * Fake numbers in the `+1 500-555` range (Twilio's own test-number range) that trigger one
 * behaviour each. Every other valid destination rings, is answered by a human and completes.
 */
export const SPECIAL_DESTINATIONS: Readonly<Record<string, Destination>> = {
  "+15005550001": { outcome: "busy" },
  "+15005550002": { outcome: "no-answer" },
  "+15005550003": { outcome: "failed" },
  "+15005550004": { outcome: "completed", machine: true },
  "+15005550009": {
    outcome: "failed",
    refuse: {
      code: 21215,
      message:
        "Account not authorized to call +15005550009. Perhaps you need to enable some international permissions: https://www.twilio.com/console/voice/calls/geo-permissions/low-risk",
    },
  },
  "+15005550429": {
    outcome: "failed",
    refuse: { code: 20429, message: "Too Many Requests" },
  },
};

const NORMAL: Destination = { outcome: "completed" };

/** The behaviour for a `To` value. */
export const destinationFor = (to: string): Destination => SPECIAL_DESTINATIONS[to] ?? NORMAL;

/**
 * `AnsweredBy` for a call created with `form`: null without machine detection (or with SendDigits,
 * which makes Twilio ignore it), a machine for a `machine` destination, a human otherwise.
 */
export const answeredBy = (form: URLSearchParams): string | null => {
  if (!form.has("MachineDetection") || form.has("SendDigits")) return null;
  if (!destinationFor(form.get("To") ?? "").machine) return "human";
  return form.get("MachineDetection") === "DetectMessageEnd" ? "machine_end_beep" : "machine_start";
};
