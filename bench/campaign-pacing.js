// Campaign pacing: a campaign through the proxy (workerd, Durable Objects) against the emulator on
// loopback; the rate the emulator saw from its first create to its last, against the configured
// CAMPAIGN_CALLS_PER_SECOND, and the most creates it saw in any one second.
// Alone: `npm run bench:campaign` (RECIPIENTS and RATE override the defaults).
import { startCampaignRig } from "../scripts/campaign/rig.js";
import { goal } from "./table.js";

const positive = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** Runs one campaign and returns the table rows. */
export const runCampaignPacing = async () => {
  const recipientsCount = positive("RECIPIENTS", 1000);
  const rate = positive("RATE", 50);
  const rig = await startCampaignRig({ rate, stepMs: 20 });
  try {
    const recipients = Array.from({ length: recipientsCount }, (_, n) => ({
      to: `+1415555${String(2000 + (n % 8000)).padStart(4, "0")}`,
    }));
    if (recipientsCount > 8000) throw new Error("RECIPIENTS may be at most 8000 distinct numbers");
    const { id } = await rig.client.createCampaign({ recipients });
    const final = await rig.client.watchCampaign(id);
    const created = rig.emulator.creates.filter((create) => create.status === 201);
    const times = created.map((create) => create.at).sort((a, b) => a - b);
    const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    const achieved = span > 0 ? (times.length - 1) / span : 0;
    const counts = rig.emulator.createCounts();
    const share = achieved / rate;
    const label = `${recipientsCount} recipients at ${rate}/s`;
    return [
      {
        figure: `campaign pacing, achieved rate (${label})`,
        "this package": `${achieved.toFixed(2)}/s (${(share * 100).toFixed(1)} % of ${rate}/s)`,
        ...goal("within 5 % of the rate", Math.abs(1 - share) <= 0.05),
      },
      {
        figure: "campaign pacing, most creates in any one second",
        "this package": `${counts.maxInAnyWindow} of at most ${rate}`,
        ...goal(`<= ${rate}`, counts.maxInAnyWindow <= rate),
      },
      {
        figure: "campaign, calls per recipient",
        "this package": `${counts.total} created for ${recipientsCount}, ${Object.keys(counts.duplicates).length} numbers twice, ${final.counts.completed} completed`,
        ...goal(
          "exactly one each",
          counts.total === recipientsCount && final.counts.completed === recipientsCount,
        ),
      },
    ];
  } finally {
    await rig.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { textTable } = await import("./table.js");
  console.log(textTable(await runCampaignPacing()));
}
