import { DurableObject } from "cloudflare:workers";
import type { Env } from "../config/env.js";
import { type ProxyConfig, requireConfig } from "../config/load.js";
import type { CampaignObject } from "./campaign-object.js";
import { nextSlot, throttleBackoffMs } from "./pacing.js";
import { askTwilio, type Placement, type PlaceResult, reserveBudget } from "./place-recipient.js";

/** One alarm runs the loop this long, then hands over to the next (an alarm has a wall-time limit). */
const RUN_MS = 30_000;
/** Past this, the loop sleeps in an alarm rather than in memory. */
const LONGEST_NAP_MS = 2_000;
/** If the object dies mid-run, this alarm (set when a run starts) takes over. */
const WATCHDOG_MS = RUN_MS + 10_000;
/**
 * Recipients are claimed (intent written, budget reserved) this long before their slot, so that
 * the two calls to other objects do not delay the request; it is also how long a pause may take.
 */
const PREPARE_AHEAD_MS = 150;

type Campaign = DurableObjectStub<CampaignObject>;
type Prepared = { campaign: Campaign; placement: Placement; release: () => Promise<void> };

/**
 * The pacer of one Twilio account (named by its account SID): it releases the calls of every running
 * campaign of the account, in turn, at `CAMPAIGN_CALLS_PER_SECOND`, never more within any one-second
 * window (start times are kept in SQLite, so a restart does not reset the window) and never more than
 * `CAMPAIGN_MAX_IN_FLIGHT` requests open. It runs in Durable Object alarms while campaigns have work.
 */
export class PacerObject extends DurableObject<Env> {
  private running = false;
  /** Campaign id -> when it last enlisted (mirrors the `campaigns` table). */
  private readonly campaigns = new Map<string, number>();
  /** Start times of the latest requests, ascending (mirrors the `started` table). */
  private started: number[];
  private readonly inflight = new Set<Promise<void>>();
  /** Claimed and reserved, waiting for their slot. */
  private readonly ready: Prepared[] = [];
  private preparing = 0;
  private turn = 0;
  private notBefore = 0;
  private throttled = 0;
  private wakeUp: (() => void) | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec(
      "CREATE TABLE IF NOT EXISTS campaigns (id TEXT PRIMARY KEY, enlisted_at INTEGER NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS started (at INTEGER NOT NULL);",
    );
    for (const row of sql.exec("SELECT id, enlisted_at FROM campaigns")) {
      this.campaigns.set(String(row.id), Number(row.enlisted_at));
    }
    this.started = sql
      .exec("SELECT at FROM started ORDER BY at")
      .toArray()
      .map((row) => Number(row.at));
  }

  /** A campaign has pending recipients: take it into the rotation and make sure the loop runs. */
  async enlist(campaignId: string): Promise<void> {
    const now = Date.now();
    this.campaigns.set(campaignId, now);
    this.ctx.storage.sql.exec(
      "INSERT INTO campaigns (id, enlisted_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET enlisted_at = excluded.enlisted_at",
      campaignId,
      now,
    );
    if (this.running) this.wake();
    else await this.ctx.storage.setAlarm(now);
  }

  override async alarm(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
      const next = await this.run(requireConfig(this.env));
      if (next === undefined) await this.ctx.storage.deleteAlarm();
      else await this.ctx.storage.setAlarm(next);
    } finally {
      this.running = false;
    }
  }

  private wake(): void {
    this.wakeUp?.();
  }

  /** Waits `ms`, or less when something happens (a recipient prepared, a request answered). */
  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private leave(id: string, enlistedBefore: number): void {
    if ((this.campaigns.get(id) ?? 0) > enlistedBefore) return;
    this.campaigns.delete(id);
    this.ctx.storage.sql.exec("DELETE FROM campaigns WHERE id = ?", id);
  }

  private recordStart(at: number, rate: number): void {
    this.started.push(at);
    const sql = this.ctx.storage.sql;
    sql.exec("INSERT INTO started (at) VALUES (?)", at);
    if (this.started.length > rate) {
      this.started = this.started.slice(-rate);
      sql.exec("DELETE FROM started WHERE at < ?", this.started[0] as number);
    }
  }

  /** Releases calls until the run's time is up; returns when to run again (undefined: no work). */
  private async run(config: ProxyConfig): Promise<number | undefined> {
    const { callsPerSecond: rate, maxInFlight } = config.campaigns;
    const depth = Math.ceil((rate * PREPARE_AHEAD_MS) / 1000) + 1;
    const until = Date.now() + RUN_MS;
    for (;;) {
      const idle = this.campaigns.size === 0 && this.ready.length === 0 && this.preparing === 0;
      if (idle && this.inflight.size === 0) return undefined;
      const now = Date.now();
      const slot = nextSlot(this.started, rate, now, this.notBefore);
      const lead = slot - now;
      if (!idle && now >= until && this.ready.length === 0 && this.preparing === 0) return slot;
      const room = this.ready.length + this.preparing < depth;
      if (room && this.campaigns.size > 0 && lead <= PREPARE_AHEAD_MS && now < until) {
        // Not awaited: several recipients are prepared at once, each in its own object.
        void this.prepare();
        continue;
      }
      if (idle || this.inflight.size >= maxInFlight || this.ready.length === 0 || lead > 0) {
        if (lead > LONGEST_NAP_MS && this.ready.length === 0 && this.preparing === 0) return slot;
        // Settlements may hand recipients back (a 429), answers free in-flight room.
        await this.nap(Math.max(1, Math.min(lead > 0 ? lead : LONGEST_NAP_MS, LONGEST_NAP_MS)));
        continue;
      }
      this.send(config, this.ready.shift() as Prepared, rate);
    }
  }

  /** Claims the next recipient of the next campaign in turn and reserves its budget. */
  private async prepare(): Promise<void> {
    const ids = [...this.campaigns.keys()];
    const id = ids[this.turn++ % ids.length] as string;
    const campaign = this.env.CAMPAIGNS.get(this.env.CAMPAIGNS.idFromName(id));
    const askedAt = Date.now();
    this.preparing++;
    try {
      // Over RPC, a TwiML object would be a stub; a flow's twiml is always a string.
      const placement = (await campaign.claim()) as Placement | null;
      if (!placement) {
        // Nothing to claim: leave the rotation, unless the campaign enlisted again meanwhile.
        this.leave(id, askedAt);
        return;
      }
      const reservation = await reserveBudget(this.env, placement.to);
      if (reservation.ok) {
        this.ready.push({ campaign, placement, release: reservation.release });
      } else {
        this.track(this.settle(campaign, placement, reservation.result));
      }
    } catch {
      // The campaign object is unreachable for now; its own alarm enlists it again.
      this.leave(id, askedAt);
    } finally {
      this.preparing--;
      this.wake();
    }
  }

  /** Starts a prepared request (not awaited: it is in flight until Twilio answers). */
  private send(config: ProxyConfig, prepared: Prepared, rate: number): void {
    const { campaign, placement, release } = prepared;
    this.recordStart(Date.now(), rate);
    this.track(
      askTwilio(config, placement.params).then(async (result) => {
        if (result.kind !== "placed" && result.kind !== "unknown") await release();
        await this.settle(campaign, placement, result);
      }),
    );
  }

  private track(task: Promise<void>): void {
    const tracked = task.finally(() => {
      this.inflight.delete(tracked);
      this.wake();
    });
    this.inflight.add(tracked);
  }

  private async settle(campaign: Campaign, placement: Placement, result: PlaceResult) {
    if (result.kind === "throttled") {
      this.throttled++;
      this.notBefore = Date.now() + throttleBackoffMs(this.throttled);
    } else if (result.kind === "placed") {
      this.throttled = 0;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await campaign.settle(placement.seq, placement.attempt, result);
        return;
      } catch {
        // Left `placing`, the campaign's own deadline turns it into `unknown` and reconciles it.
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}
