import { describe, expect, it } from "vitest";
import {
  acceptsCallNews,
  isFinalRecipientState,
  RECIPIENT_STATES,
  stateOfCallStatus,
} from "../../../worker/campaigns/recipient-state.js";

const SID = `CA${"a".repeat(32)}`;
const OTHER = `CA${"b".repeat(32)}`;

describe("a recipient's state machine", () => {
  it("maps a call's status: final statuses end it in the same state, the rest is placed", () => {
    expect(["queued", "ringing", "in-progress"].map((s) => stateOfCallStatus(s as never))).toEqual([
      "placed",
      "placed",
      "placed",
    ]);
    for (const status of ["completed", "busy", "no-answer", "failed", "canceled"] as const) {
      expect(stateOfCallStatus(status)).toBe(status);
      expect(isFinalRecipientState(stateOfCallStatus(status))).toBe(true);
    }
    expect(RECIPIENT_STATES.filter(isFinalRecipientState)).toHaveLength(6);
  });

  it("lets the truth about a call win over what was only believed", () => {
    // Unknown, placing, or put back to pending after a proven absence: the call is the truth.
    for (const state of ["pending", "placing", "unknown"] as const) {
      expect(acceptsCallNews(state, null, SID, "placed")).toBe(true);
    }
    // A refusal or a failure without a call is corrected by a call that exists after all.
    expect(acceptsCallNews("failed", null, SID, "completed")).toBe(true);
    expect(acceptsCallNews("placed", SID, SID, "completed")).toBe(true);
  });

  it("never moves a final status, never moves backwards, never takes another call's news", () => {
    expect(acceptsCallNews("completed", SID, SID, "busy")).toBe(false);
    expect(acceptsCallNews("placed", SID, SID, "placed")).toBe(false);
    expect(acceptsCallNews("placed", SID, OTHER, "completed")).toBe(false);
  });
});
