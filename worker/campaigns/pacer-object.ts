import { DurableObject } from "cloudflare:workers";
import type { Env } from "../config/env.js";
import { type ProxyConfig, requireConfig } from "../config/load.js";
import type { CampaignObject } from "./campaign-object.js";
import { type CreateWindow, isSpent, nextSlot, throttleBackoffMs, WINDOW_MS } from "./pacing.js";
import {
  askTwilio,
  type Placement,
  type PlaceResult,
  releaseBudget,
  reserveBudget,
} from "./place-recipient.js";

/** While `CALLS_PAUSED` holds every campaign, how often the pacer looks whether it still does. */
const PAUSED_RECHECK_MS = 60_000;
/** One alarm runs the loop this long, then hands over to the next (an alarm has a wall-time limit). */
const RUN_MS = 30_000;
/** Past this, the loop sleeps in an alarm rather than in memory. */
const LONGEST_NAP_MS = 2_000;
/** If the object dies mid-run, this alarm (kept this far ahead while running) takes over. */
const WATCHDOG_MS = 5_000;
/**
 * Recipients are claimed (intent written, budget reserved) this long before their slot, so that
 * the two calls to other objects do not delay the request; it is also how long a pause may take.
 */
const PREPARE_AHEAD_MS = 150;

type Campaign = DurableObjectStub<CampaignObject>;
type Prepared = { campaign: Campaign; placement: Placement; grant: number };

/**
 * The pacer of one Twilio account (named by its account SID): it releases the calls of every running
 * campaign of the account, in turn, at `CAMPAIGN_CALLS_PER_SECOND`, never more within any one-second
 * window at Twilio (see `nextSlot`; send and answer times are kept in SQLite, so a restart does not
 * reset the window) and never more than `CAMPAIGN_MAX_IN_FLIGHT` requests open. It runs in Durable
 * Object alarms while campaigns have work.
 */
export class PacerObject extends DurableObject<Env> {
  private running = false;
  /** Campaign id -> when it last enlisted (mirrors the `campaigns` table). */
  private readonly campaigns = new Map<string, number>();
  /** The requests that still hold a place in the window, by row id (mirrors the `creates` table). */
  private readonly creates = new Map<number, CreateWindow>();
  private readonly inflight = new Set<Promise<void>>();
  /** Claimed and reserved, waiting for their slot. */
  private readonly ready: Prepared[] = [];
  private preparing = 0;
  private turn = 0;
  private notBefore = 0;
  private throttled = 0;
  /** The slot the latest request was sent for (it may have left a little after it). */
  private lastSlot: number;
  private wakeUp: (() => void) | undefined;
  /** Whether this instance has handed back what an earlier one claimed but never sent. */
  private recovered = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec(
      "CREATE TABLE IF NOT EXISTS campaigns (id TEXT PRIMARY KEY, enlisted_at INTEGER NOT NULL);" +
        "DROP TABLE IF EXISTS started;" +
        "CREATE TABLE IF NOT EXISTS creates (id INTEGER PRIMARY KEY, sent INTEGER NOT NULL, answered INTEGER);" +
        // Each claimed recipient until it is settled; `sent` is written before its request leaves
        // (the output gate holds the request until the write is stored), so after a restart a row
        // with sent = 0 is a recipient whose request certainly never left.
        "CREATE TABLE IF NOT EXISTS placements (campaign TEXT NOT NULL, seq INTEGER NOT NULL, attempt INTEGER NOT NULL, grant_id INTEGER, sent INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (campaign, seq, attempt));",
    );
    for (const row of sql.exec("SELECT id, enlisted_at FROM campaigns")) {
      this.campaigns.set(String(row.id), Number(row.enlisted_at));
    }
    // A request left unanswered by an earlier instance died with it: it reached Twilio by now or never.
    sql.exec("UPDATE creates SET answered = ? WHERE answered IS NULL", Date.now());
    for (const row of sql.exec("SELECT id, sent, answered FROM creates")) {
      this.creates.set(Number(row.id), { sent: Number(row.sent), answered: Number(row.answered) });
    }
    this.lastSlot = Math.max(0, ...[...this.creates.values()].map((create) => create.sent));
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

  /** Records a request leaving now; returns its row id, to record its answer under. */
  private recordSent(): number {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    for (const [id, create] of this.creates) {
      if (isSpent(create, now)) this.creates.delete(id);
    }
    sql.exec("DELETE FROM creates WHERE answered <= ?", now - WINDOW_MS);
    const id = Number(sql.exec("INSERT INTO creates (sent) VALUES (?) RETURNING id", now).one().id);
    this.creates.set(id, { sent: now });
    return id;
  }

  private recordAnswered(id: number): void {
    const answered = Date.now();
    const create = this.creates.get(id);
    if (create) create.answered = answered;
    this.ctx.storage.sql.exec("UPDATE creates SET answered = ? WHERE id = ?", answered, id);
  }

  /** Releases calls until the run's time is up; returns when to run again (undefined: no work). */
  private async run(config: ProxyConfig): Promise<number | undefined> {
    // The kill switch holds every campaign where it is; the pacer looks again until it is off.
    if (config.callsPaused) return Date.now() + PAUSED_RECHECK_MS;
    const { callsPerSecond: rate, maxInFlight } = config.campaigns;
    const depth = Math.ceil((rate * PREPARE_AHEAD_MS) / 1000) + 1;
    if (!this.recovered) this.recovered = await this.recover();
    const until = Date.now() + RUN_MS;
    let watchdog = 0;
    for (;;) {
      if (Date.now() > watchdog - WATCHDOG_MS / 2) {
        watchdog = Date.now() + WATCHDOG_MS;
        await this.ctx.storage.setAlarm(watchdog);
      }
      const idle = this.campaigns.size === 0 && this.ready.length === 0 && this.preparing === 0;
      if (idle && this.inflight.size === 0) return undefined;
      const now = Date.now();
      const slot = nextSlot(this.lastSlot, [...this.creates.values()], rate, now, this.notBefore);
      // An infinite slot waits for an answer (one is in flight, and it wakes the loop).
      const finite = Number.isFinite(slot);
      const lead = slot - now;
      if (!idle && now >= until && this.ready.length === 0 && this.preparing === 0) {
        return finite ? slot : now + LONGEST_NAP_MS;
      }
      const room = this.ready.length + this.preparing < depth;
      if (room && this.campaigns.size > 0 && lead <= PREPARE_AHEAD_MS && now < until) {
        // Not awaited: several recipients are prepared at once, each in its own object.
        void this.prepare();
        continue;
      }
      if (idle || this.inflight.size >= maxInFlight || this.ready.length === 0 || lead > 0) {
        if (finite && lead > LONGEST_NAP_MS && this.ready.length === 0 && this.preparing === 0) {
          return slot;
        }
        // Settlements may hand recipients back (a 429), answers free in-flight room.
        await this.nap(Math.max(1, Math.min(lead > 0 ? lead : LONGEST_NAP_MS, LONGEST_NAP_MS)));
        continue;
      }
      this.lastSlot = slot;
      this.send(config, this.ready.shift() as Prepared);
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
      const { seq, attempt } = placement;
      const sql = this.ctx.storage.sql;
      sql.exec(
        "INSERT INTO placements (campaign, seq, attempt) VALUES (?, ?, ?)",
        id,
        seq,
        attempt,
      );
      const reservation = await reserveBudget(this.env, placement.to);
      if (reservation.ok) {
        sql.exec(
          "UPDATE placements SET grant_id = ? WHERE campaign = ? AND seq = ? AND attempt = ?",
          reservation.id,
          id,
          seq,
          attempt,
        );
        this.ready.push({ campaign, placement, grant: reservation.id });
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
  private send(config: ProxyConfig, prepared: Prepared): void {
    const { campaign, placement, grant } = prepared;
    const createId = this.recordSent();
    this.ctx.storage.sql.exec(
      "UPDATE placements SET sent = 1 WHERE campaign = ? AND seq = ? AND attempt = ?",
      placement.campaignId,
      placement.seq,
      placement.attempt,
    );
    this.track(
      askTwilio(config, placement.params).then(async (result) => {
        this.recordAnswered(createId);
        if (result.kind !== "placed" && result.kind !== "unknown") {
          await releaseBudget(this.env, grant);
        }
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
    const { campaignId, seq, attempt } = placement;
    for (let retry = 0; retry < 3; retry++) {
      try {
        await campaign.settle(seq, attempt, result);
        break;
      } catch {
        // Left `placing`, the campaign's own deadline turns it into `unknown` and reconciles it.
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** retry));
      }
    }
    this.ctx.storage.sql.exec(
      "DELETE FROM placements WHERE campaign = ? AND seq = ? AND attempt = ?",
      campaignId,
      seq,
      attempt,
    );
  }

  /**
   * After a restart: recipients claimed by an earlier instance whose request never left go back to
   * pending (their budget back too); those whose request may have left are the campaign's to
   * reconcile. Returns false when a campaign could not be told (tried again on the next run).
   */
  private async recover(): Promise<boolean> {
    const sql = this.ctx.storage.sql;
    let complete = true;
    for (const row of sql
      .exec("SELECT campaign, seq, attempt, grant_id, sent FROM placements")
      .toArray()) {
      const [id, seq, attempt] = [String(row.campaign), Number(row.seq), Number(row.attempt)];
      if (Number(row.sent) === 0) {
        try {
          await this.env.CAMPAIGNS.get(this.env.CAMPAIGNS.idFromName(id)).unclaim(seq, attempt);
          if (row.grant_id !== null) await releaseBudget(this.env, Number(row.grant_id));
        } catch {
          complete = false;
          continue;
        }
      }
      sql.exec(
        "DELETE FROM placements WHERE campaign = ? AND seq = ? AND attempt = ?",
        id,
        seq,
        attempt,
      );
    }
    return complete;
  }
}
