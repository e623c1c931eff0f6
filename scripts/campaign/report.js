// The campaign demo's terminal output: a progress bar with counts by state, and the summary.

// The states come in the order the API lists its counts; these are the ones a recipient ends in.
const FINAL = new Set(["completed", "busy", "no-answer", "failed", "refused", "canceled"]);
const WIDTH = 30;

/** @param {{ counts: Record<string, number>, total: number, state: string }} campaign */
export const progressLine = (campaign, seconds) => {
  const states = Object.keys(campaign.counts);
  const final = states
    .filter((state) => FINAL.has(state))
    .reduce((sum, state) => sum + campaign.counts[state], 0);
  const filled = campaign.total === 0 ? WIDTH : Math.round((final / campaign.total) * WIDTH);
  const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
  const counts = states
    .filter((state) => campaign.counts[state] > 0)
    .map((state) => `${state} ${campaign.counts[state]}`)
    .join(" · ");
  return `[${bar}] ${final}/${campaign.total} ${seconds.toFixed(1)}s  ${counts}`;
};

/**
 * @param {{ id: string, state: string, counts: Record<string, number>, total: number, ratePerSecond: number }} campaign
 * @param {Array<{ to: string, ref: string | null, state: string, reason: string | null, twilioCode: number | null }>} recipients
 * @param {{ total: number, duplicates: Record<string, number>, maxInAnyWindow: number }} creates
 */
export const summary = (campaign, recipients, creates, seconds) => {
  const lines = [
    "",
    `summary: campaign ${campaign.id} is ${campaign.state} after ${seconds.toFixed(1)} s`,
    ...Object.keys(campaign.counts)
      .filter((state) => campaign.counts[state] > 0)
      .map((state) => `  ${state.padEnd(10)} ${String(campaign.counts[state]).padStart(4)}`),
    `  calls created at the emulator: ${creates.total}, numbers called twice: ${Object.keys(creates.duplicates).length}`,
    `  most calls in any one second: ${creates.maxInAnyWindow} (rate ${campaign.ratePerSecond}/s)`,
    "  not completed:",
  ];
  for (const recipient of recipients.filter((r) => r.state !== "completed")) {
    const why = [recipient.reason, recipient.twilioCode && `Twilio ${recipient.twilioCode}`]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `    ${recipient.to.padEnd(14)} ${recipient.state.padEnd(10)} ${why.padEnd(32)} ${recipient.ref ?? ""}`,
    );
  }
  return lines.join("\n");
};
