import { DurableObject } from "cloudflare:workers";
import type { CallCreateParams, CallStatus } from "../../src/index.js";
import type { Env } from "../config/env.js";
import { type ProxyConfig, requireConfig } from "../config/load.js";
import { type Problem, ProblemError } from "../http/problem.js";
import { narrowCall } from "../policy/call-request.js";
import { isCampaignCaller } from "./access.js";
import { destinationRefusal } from "./admit-recipients.js";
import type { CampaignMeta } from "./campaign-meta.js";
import { metaTable } from "./campaign-meta.js";
import {
  type CampaignView,
  campaignStateOf,
  isSettled,
  type RecipientView,
  recipientView,
} from "./campaign-view.js";
import type { Placement, PlaceResult } from "./place-recipient.js";
import { MAX_STREAMS_PER_CAMPAIGN, progressStreams } from "./progress-stream.js";
import { acceptsCallNews, type RecipientState, stateOfCallStatus } from "./recipient-state.js";
import { type NewRecipient, type RecipientRow, recipientsTable } from "./recipients-table.js";
import { MAX_LOOKUPS, placedQuietMs, placingDeadlineMs, reconcileCampaign } from "./reconcile.js";

/** Most recipients one campaign holds (appends included). */
export const MAX_RECIPIENTS_PER_CAMPAIGN = 100_000;

/** While running with work left, the object wakes this often to make sure its pacer knows. */
const HEARTBEAT_MS = 10_000;

/** A new campaign, validated and narrowed by the handler. */
export type CampaignInput = Omit<CampaignMeta, "state" | "reason" | "createdAt"> & {
  recipients: NewRecipient[];
};

/** The answer to a create or append: the view, or the problem that refused it. */
export type CampaignAnswer =
  | { ok: true; view: CampaignView; added: number; duplicates: number; replayed: boolean }
  | { ok: false; problem: Problem };

/** The answer to pause, resume and cancel. */
export type ActionAnswer = { ok: true; view: CampaignView } | { ok: false; problem: Problem };

/** A progress stream, or why not. */
export type StreamAnswer =
  | { ok: true; stream: ReadableStream<Uint8Array> }
  | { ok: false; problem: Problem };

const conflict = (code: string, detail: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { status: 409, code, title: "Campaign state conflict", detail },
});

/**
 * One campaign (named by its id): its recipients in SQLite, each with a state machine that writes a
 * recipient's intent before its call is requested, and the reconciliation of what is unknown. The
 * account's pacer claims recipients one at a time (so pause and cancel act at once) and settles them
 * with Twilio's answer; status callbacks and lookups bring the rest.
 */
export class CampaignObject extends DurableObject<Env> {
  private readonly meta = metaTable(this.ctx.storage.sql);
  private readonly recipients = recipientsTable(this.ctx.storage.sql);
  /** The alarm time set, once known; undefined until read (and while an alarm runs). */
  private alarmAt: number | undefined;
  private readonly streams = progressStreams(() => {
    const view = this.view();
    return { view, settled: isSettled(view.state, view.counts) };
  });

  private config(): ProxyConfig {
    return requireConfig(this.env);
  }

  private view(meta = this.meta.read() as CampaignMeta): CampaignView {
    const counts = this.recipients.counts();
    return {
      id: meta.id,
      state: campaignStateOf(meta.state, counts),
      reason: meta.reason,
      counts,
      total: this.recipients.total(),
      ratePerSecond: this.config().campaigns.callsPerSecond,
      createdAt: new Date(meta.createdAt).toISOString(),
    };
  }

  private owned(owner: string): CampaignMeta | undefined {
    const meta = this.meta.read();
    return meta?.owner === owner ? meta : undefined;
  }

  /** Tells the account's pacer there is work, and keeps a wake-up for what may need reconciling. */
  private async wake(meta: CampaignMeta): Promise<void> {
    if (meta.state === "running" && this.recipients.inState("pending", 1).length > 0) {
      const pacers = this.env.PACERS;
      await pacers.get(pacers.idFromName(meta.accountSid)).enlist(meta.id);
    }
    await this.scheduleAlarm();
  }

  /** The next wake-up: the earliest moment something may need looking at. */
  private async scheduleAlarm(): Promise<void> {
    const meta = this.meta.read();
    if (!meta) return;
    const { campaigns, twilio } = this.config();
    const due: number[] = [];
    const placing = this.recipients.oldestInState("placing");
    if (placing !== null) due.push(placing + placingDeadlineMs(twilio.timeoutMs));
    const unknown = this.recipients.oldestInState("unknown", MAX_LOOKUPS);
    if (unknown !== null) due.push(unknown + campaigns.reconcileAfterMs);
    const placed = this.recipients.oldestInState("placed");
    if (placed !== null) due.push(placed + placedQuietMs(this.config(), meta));
    if (meta.state === "running" && this.recipients.inState("pending", 1).length > 0) {
      due.push(Date.now() + HEARTBEAT_MS);
    }
    if (due.length === 0) return;
    await this.alarmBy(Math.min(...due));
  }

  /** Makes sure the object wakes at `at` or earlier (the alarm time is remembered: no read per call). */
  private async alarmBy(at: number): Promise<void> {
    this.alarmAt ??= (await this.ctx.storage.getAlarm()) ?? Number.POSITIVE_INFINITY;
    if (this.alarmAt <= at) return;
    this.alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  private changed(): void {
    this.streams.changed();
  }

  /** Creates the campaign, or answers the replay of the same Idempotency-Key. */
  async create(input: CampaignInput): Promise<CampaignAnswer> {
    const existing = this.meta.read();
    if (existing) {
      if (existing.owner !== input.owner || existing.fingerprint !== input.fingerprint) {
        return {
          ok: false,
          problem: {
            status: 422,
            code: "idempotency_key_reused",
            title: "Idempotency-Key reused",
            detail:
              "This Idempotency-Key was used with another body; use a new key for a new campaign.",
          },
        };
      }
      return { ok: true, view: this.view(existing), added: 0, duplicates: 0, replayed: true };
    }
    const { recipients, ...rest } = input;
    const meta: CampaignMeta = { ...rest, state: "running", reason: null, createdAt: Date.now() };
    const { added, duplicates } = this.ctx.storage.transactionSync(() => {
      this.meta.write(meta);
      return this.recipients.insert(recipients, meta.createdAt);
    });
    await this.wake(meta);
    return { ok: true, view: this.view(meta), added, duplicates, replayed: false };
  }

  /** Adds recipients; a number already in the campaign is skipped (so a retried append adds nothing). */
  async append(owner: string, recipients: NewRecipient[]): Promise<CampaignAnswer | null> {
    const meta = this.owned(owner);
    if (!meta) return null;
    if (meta.state === "canceled") {
      return conflict("campaign_canceled", "A canceled campaign takes no more recipients.");
    }
    if (this.recipients.total() + recipients.length > MAX_RECIPIENTS_PER_CAMPAIGN) {
      return {
        ok: false,
        problem: {
          status: 422,
          code: "campaign_full",
          title: "Campaign full",
          detail: `A campaign holds at most ${MAX_RECIPIENTS_PER_CAMPAIGN} recipients; start another one.`,
        },
      };
    }
    const { added, duplicates } = this.ctx.storage.transactionSync(() =>
      this.recipients.insert(recipients, Date.now()),
    );
    this.changed();
    await this.wake(meta);
    return { ok: true, view: this.view(meta), added, duplicates, replayed: false };
  }

  /** The campaign's view for `owner`, or null (unknown, or someone else's). */
  read(owner: string): CampaignView | null {
    const meta = this.owned(owner);
    return meta ? this.view(meta) : null;
  }

  /** A page of recipients for `owner`, after recipient id `after`. */
  list(
    owner: string,
    query: { state: RecipientState | undefined; after: number; limit: number },
  ): { recipients: RecipientView[]; next: string | null } | null {
    if (!this.owned(owner)) return null;
    const rows = this.recipients.page(query.state, query.after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      recipients: page.map(recipientView),
      next: rows.length > query.limit && last ? String(last.seq) : null,
    };
  }

  /** The progress stream for `owner`, or why not; null for anyone else. */
  events(owner: string): StreamAnswer | null {
    if (!this.owned(owner)) return null;
    const stream = this.streams.open();
    if (stream) return { ok: true, stream };
    const detail = `A campaign may have at most ${MAX_STREAMS_PER_CAMPAIGN} open progress streams; close one first.`;
    return {
      ok: false,
      problem: { status: 429, code: "too_many_streams", title: "Too many streams", detail },
    };
  }

  private setState(meta: CampaignMeta, state: CampaignMeta["state"], reason: string | null) {
    const next = { ...meta, state, reason };
    this.meta.write(next);
    this.changed();
    return next;
  }

  /** Stops claiming recipients; the ones already placing finish. */
  pause(owner: string): ActionAnswer | null {
    const meta = this.owned(owner);
    if (!meta) return null;
    if (meta.state === "canceled")
      return conflict("campaign_canceled", "The campaign is canceled.");
    const paused =
      meta.state === "paused" ? meta : this.setState(meta, "paused", "paused_by_caller");
    return { ok: true, view: this.view(paused) };
  }

  /** Runs a paused campaign again (also one paused by Twilio's full queue or the daily budget). */
  async resume(owner: string): Promise<ActionAnswer | null> {
    const meta = this.owned(owner);
    if (!meta) return null;
    if (meta.state === "canceled")
      return conflict("campaign_canceled", "The campaign is canceled.");
    const running = meta.state === "running" ? meta : this.setState(meta, "running", null);
    await this.wake(running);
    return { ok: true, view: this.view(running) };
  }

  /** Cancels every pending recipient; calls already placed are left to finish. */
  cancel(owner: string): ActionAnswer | null {
    const meta = this.owned(owner);
    if (!meta) return null;
    const canceled = this.ctx.storage.transactionSync(() => {
      this.recipients.cancelPending(Date.now());
      return meta.state === "canceled"
        ? meta
        : this.setState(meta, "canceled", "canceled_by_caller");
    });
    this.changed();
    return { ok: true, view: this.view(canceled) };
  }

  /**
   * For the pacer: the next pending recipient with its intent written (state `placing`), or null
   * when the campaign is not running or has nothing pending. A campaign whose key is no longer in
   * `CAMPAIGN_API_KEYS` is paused instead (reason `campaign_key_revoked`), and so is one whose flow
   * or caller ID the config no longer has (its reason code). The intent is stored before the answer
   * leaves the object, so a request is never sent for a recipient the campaign does not know about.
   */
  async claim(): Promise<Placement | null> {
    const owner = this.meta.read()?.owner;
    const keyValid = owner !== undefined && (await isCampaignCaller(owner, this.config()));
    const meta = this.meta.read();
    if (meta?.state !== "running") return null;
    if (!keyValid) {
      // The key was revoked (it leaked, say): nobody can steer the campaign now, so it stops here.
      this.setState(meta, "paused", "campaign_key_revoked");
      return null;
    }
    const call = this.narrowedCall(meta);
    if (typeof call === "string") {
      this.setState(meta, "paused", call);
      return null;
    }
    const row = this.nextDialable();
    if (!row) return null;
    const now = Date.now();
    const attempt = row.attempts + 1;
    this.recipients.update(row.seq, {
      state: "placing",
      attempts: attempt,
      intentAt: now,
      updatedAt: now,
      reason: null,
    });
    this.changed();
    await this.alarmBy(now + placingDeadlineMs(this.config().twilio.timeoutMs));
    const callback = new URL(this.config().campaigns.statusCallbackUrl);
    callback.searchParams.set("campaign", meta.id);
    callback.searchParams.set("recipient", String(row.seq));
    return {
      campaignId: meta.id,
      seq: row.seq,
      attempt,
      to: row.to,
      params: {
        ...call,
        to: row.to,
        statusCallback: callback.href,
        statusCallbackEvent: ["initiated", "completed"],
        statusCallbackMethod: "POST",
      },
    };
  }

  /**
   * The campaign's flow and caller ID narrowed with the config of now, as a single call's are: a
   * flow changed since (a shorter TimeLimit, another URL) applies to the calls still to place, and
   * one removed (or a caller ID no longer configured) is the reason code that pauses the campaign.
   */
  private narrowedCall(meta: CampaignMeta): CallCreateParams | string {
    if (meta.flow === undefined || meta.from === undefined) return meta.params;
    try {
      return narrowCall({ to: "", flow: meta.flow, from: meta.from }, this.config()).params;
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return error.problem.code;
    }
  }

  /**
   * The first pending recipient the destination policy allows now. It was checked when added, but
   * the policy may have been tightened since (a country dropped after traffic pumping): a recipient
   * it now refuses is refused with its reason code, never dialled.
   */
  private nextDialable(): RecipientRow | undefined {
    const config = this.config();
    for (;;) {
      const [row] = this.recipients.inState("pending", 1);
      if (!row) return undefined;
      const refusal = destinationRefusal(row.to, config);
      if (refusal === null) return row;
      this.recipients.update(row.seq, { state: "refused", reason: refusal, updatedAt: Date.now() });
      this.changed();
    }
  }

  /** Applies news about a recipient's call (Twilio's answer, a callback, a lookup); false if stale. */
  private news(row: RecipientRow, sid: string, status: CallStatus): boolean {
    const next = stateOfCallStatus(status);
    if (!acceptsCallNews(row.state, row.callSid, sid, next)) return false;
    this.recipients.update(row.seq, {
      state: next,
      callSid: sid,
      reason: null,
      twilioCode: null,
      updatedAt: Date.now(),
    });
    this.changed();
    return true;
  }

  /** A placed call with no news for a while is fetched: wake up by then. */
  private async watchPlaced(): Promise<void> {
    const meta = this.meta.read() as CampaignMeta;
    await this.alarmBy(Date.now() + placedQuietMs(this.config(), meta));
  }

  /** For the pacer: what became of a placement it claimed. */
  async settle(seq: number, attempt: number, result: PlaceResult): Promise<void> {
    const row = this.recipients.get(seq);
    const meta = this.meta.read();
    if (!row || !meta) return;
    if (result.kind === "placed") {
      if (this.news(row, result.sid, result.status)) await this.watchPlaced();
      return;
    }
    // A late answer to an older attempt, or news that already arrived, changes nothing.
    if (row.attempts !== attempt || (row.state !== "placing" && row.state !== "unknown")) return;
    if (row.state === "unknown" && result.kind === "unknown") return;
    const now = Date.now();
    if (result.kind === "refused") {
      const { reason, twilioCode } = result;
      this.recipients.update(seq, { state: "refused", reason, twilioCode, updatedAt: now });
    } else if (result.kind === "unknown") {
      this.recipients.update(seq, { state: "unknown", reason: result.reason, updatedAt: now });
    } else {
      // Twilio processed nothing: the recipient waits again (or is canceled with its campaign).
      const canceled = meta.state === "canceled";
      this.recipients.update(seq, {
        state: canceled ? "canceled" : "pending",
        reason: canceled ? "campaign_canceled" : null,
        updatedAt: now,
      });
      if (result.kind === "halt" && meta.state === "running") {
        this.setState(meta, "paused", result.reason);
      }
    }
    this.changed();
    await this.wake(this.meta.read() as CampaignMeta);
  }

  /**
   * For the pacer, after a restart: the request of this claim certainly never left, so the
   * recipient waits again as if it had never been claimed.
   */
  async unclaim(seq: number, attempt: number): Promise<void> {
    const row = this.recipients.get(seq);
    const meta = this.meta.read();
    if (!row || !meta || row.attempts !== attempt) return;
    if (row.state !== "placing" && row.state !== "unknown") return;
    const canceled = meta.state === "canceled";
    this.recipients.update(seq, {
      state: canceled ? "canceled" : "pending",
      reason: canceled ? "campaign_canceled" : null,
      attempts: attempt - 1,
      updatedAt: Date.now(),
    });
    this.changed();
    await this.wake(meta);
  }

  /** A status callback for recipient `seq` (signature already checked); false if stale or unknown. */
  async applyCallback(seq: number, sid: string, status: CallStatus): Promise<boolean> {
    const row = this.recipients.get(seq);
    if (!row) return false;
    const applied = this.news(row, sid, status);
    if (applied && stateOfCallStatus(status) === "placed") await this.watchPlaced();
    return applied;
  }

  /** Reconciles: interrupted intents become unknown, unknowns are looked up, silent calls fetched. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    const meta = this.meta.read();
    if (!meta) return;
    await reconcileCampaign(
      {
        config: this.config(),
        meta,
        recipients: this.recipients,
        news: (row, sid, status) => this.news(row, sid, status),
        changed: () => this.changed(),
      },
      Date.now(),
    );
    await this.wake(this.meta.read() as CampaignMeta);
  }
}
