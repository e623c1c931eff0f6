// `npm run campaign:demo`: a 200-recipient campaign through the proxy against the local Twilio
// emulator, with a live progress bar of the recipients' states, then a summary. No browser, no account.

import { progressLine, summary } from "./campaign/report.js";
import { startCampaignRig } from "./campaign/rig.js";

const RATE = 25;
const COUNT = 200;

// A few numbers the emulator treats specially, two the proxy's policy refuses, the rest ordinary.
const SPECIAL = [
  { to: "+14155550101", ref: "busy line" },
  { to: "+14155550102", ref: "nobody answers" },
  { to: "+14155550103", ref: "call fails" },
  { to: "+14155550109", ref: "Twilio refuses (21215)" },
  { to: "+33612345678", ref: "France: not an allowed country" },
  { to: "+19005550123", ref: "premium rate: refused" },
];
const recipients = [
  ...SPECIAL,
  ...Array.from({ length: COUNT - SPECIAL.length }, (_, n) => ({
    to: `+1415555${String(2000 + n).padStart(4, "0")}`,
    ref: `customer-${n + 1}`,
  })),
];

const rig = await startCampaignRig({ rate: RATE, stepMs: 250 });
const tty = process.stdout.isTTY === true;
try {
  console.log(
    `campaign: ${COUNT} recipients at ${RATE} calls/s through the proxy, against the emulator`,
  );
  const started = performance.now();
  const created = await rig.client.createCampaign({ recipients });
  console.log(`campaign: ${created.id} created (${created.counts.refused} refused by policy)`);
  let lastPrinted = 0;
  const final = await rig.client.watchCampaign(created.id, {
    onProgress: (campaign) => {
      const line = progressLine(campaign, (performance.now() - started) / 1000);
      if (tty) process.stdout.write(`\r\x1b[2K${line}`);
      else if (performance.now() - lastPrinted > 1000) {
        lastPrinted = performance.now();
        console.log(line);
      }
    },
  });
  if (tty) process.stdout.write("\n");
  const seconds = (performance.now() - started) / 1000;
  const page = await rig.client.listRecipients(created.id, { limit: 1000 });
  console.log(summary(final, page.recipients, rig.emulator.createCounts(), seconds));
} finally {
  await rig.close();
}
