import type { ErrorCode } from "./error-codes.js";

/** How a call to a destination ends. */
export type CallOutcome = "completed" | "busy" | "no-answer" | "failed";

/** What the emulator does for one destination. */
export type Destination = {
  /** How the call ends once placed (for a holding destination: when its Timeout or TimeLimit runs out). */
  outcome: CallOutcome;
  /**
   * When set, the call stays in this status until it is hung up (`Status=canceled`/`completed`),
   * or until the create's `Timeout` (while `ringing`) or `TimeLimit` (while `in-progress`) runs out;
   * without that parameter it never ends by itself.
   */
  holds?: "ringing" | "in-progress";
  /** When set, answering machine detection reports a machine instead of a human. */
  machine?: boolean;
  /** When set, the create request itself is refused with this Twilio error. */
  refuse?: { code: ErrorCode; message: string };
};

/**
 * Fictional numbers in the `+1 415-555-01xx` range (reserved for fiction) that trigger one
 * behaviour each. Every other valid destination rings, is answered by a human and completes.
 * `+14155550105` and `+14155550106` are for hang-up tests: one rings until hung up, one is answered
 * and stays connected until hung up.
 */
export const SPECIAL_DESTINATIONS: Readonly<Record<string, Destination>> = {
  "+14155550101": { outcome: "busy" },
  "+14155550102": { outcome: "no-answer" },
  "+14155550103": { outcome: "failed" },
  "+14155550104": { outcome: "completed", machine: true },
  "+14155550105": { outcome: "no-answer", holds: "ringing" },
  "+14155550106": { outcome: "completed", holds: "in-progress" },
  "+14155550109": {
    outcome: "failed",
    refuse: {
      code: 21215,
      message:
        "Account not authorized to call +14155550109. Perhaps you need to enable some international permissions: https://www.twilio.com/console/voice/calls/geo-permissions/low-risk",
    },
  },
  "+14155550129": {
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
