import { DurableObject } from "cloudflare:workers";
import type { Env } from "../config/env.js";
import { requireConfig } from "../config/load.js";
import { DAY_MS, firstFull, MINUTE_MS, type Window, windowState } from "../policy/windows.js";
import type { CallView, StatusUpdate } from "../twilio/call-status.js";
import { callbackUrlFor } from "../twilio/callback-url.js";
import type { CreateAnswer, CreateInput } from "../twilio/create-answer.js";
import { placeCall } from "../twilio/place-call.js";
import { type CallbackResult, CallLife, type HangUpAnswer, type WatchAnswer } from "./call-life.js";

/** Answers kept for an Idempotency-Key: at least 24 hours, as promised. */
const KEEP_KEYS_MS = 2 * DAY_MS;

const refusal = (status: number, code: string, title: string, detail: string): CreateAnswer => ({
  ok: false,
  problem: { status, code, title, detail },
});

/**
 * One caller (named by its caller id): its per-minute and per-day quotas, its Idempotency-Keys, the
 * Twilio request itself, so that concurrent duplicates of one key await the same promise, and the
 * calls it placed ({@link CallLife}): their status, callbacks, hang-ups and status streams. Every
 * check-and-reserve step runs without an `await` in between: the object handles one event at a time
 * until it awaits, so 40 concurrent requests cannot all see the same free slot.
 */
export class CallerObject extends DurableObject<Env> {
  private readonly inflight = new Map<string, Promise<{ answer: CreateAnswer; keep: boolean }>>();
  private readonly calls: CallLife;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS placed (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, at INTEGER NOT NULL, answer TEXT);" +
        // Every create prunes both tables and counts the quota windows by time.
        "CREATE INDEX IF NOT EXISTS placed_at ON placed (at);" +
        "CREATE INDEX IF NOT EXISTS idempotency_at ON idempotency (at);",
    );
    this.calls = new CallLife(ctx.storage.sql, () => requireConfig(env));
  }

  /** `GET /v1/calls/{sid}`: the call's view for its owner (null for anyone else). */
  readCall(caller: string, sid: string): Promise<CallView | null> {
    return this.calls.read(caller, sid);
  }

  /** `GET /v1/calls/{sid}/events`: a status stream for the call's owner (null for anyone else). */
  watchCall(caller: string, sid: string): Promise<WatchAnswer | null> {
    return this.calls.watch(caller, sid);
  }

  /** `POST /v1/calls/{sid}/hangup`: ends the owner's call (null for anyone else). */
  hangUp(caller: string, sid: string): Promise<HangUpAnswer | null> {
    return this.calls.hangUp(caller, sid);
  }

  /** A verified status callback for one of this caller's calls. */
  recordStatus(sid: string, update: StatusUpdate, token: string | null): CallbackResult {
    return this.calls.callback(sid, update, token);
  }

  /** Creates the call once per Idempotency-Key; replays, refusals and quotas are decided here. */
  async createCall(input: CreateInput): Promise<CreateAnswer> {
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    sql.exec("DELETE FROM idempotency WHERE at <= ?", now - KEEP_KEYS_MS);
    sql.exec("DELETE FROM placed WHERE at <= ?", now - DAY_MS);
    const key = input.idempotencyKey;
    if (key === null) return (await this.place(input, now)).answer;
    const row = sql
      .exec("SELECT fingerprint, answer FROM idempotency WHERE key = ?", key)
      .toArray()[0];
    if (row) {
      if (row.fingerprint !== input.fingerprint) {
        return refusal(
          422,
          "idempotency_key_reused",
          "Idempotency-Key reused",
          "This Idempotency-Key was used with another body; use a new key for a new call.",
        );
      }
      if (row.answer !== null)
        return { ...(JSON.parse(String(row.answer)) as CreateAnswer), replayed: true };
      const pending = this.inflight.get(key);
      if (!pending) {
        // Only one instance of this object lives at a time, and it holds the promise of every request
        // it is placing: a row without one was written by an instance that died mid-request (a deploy,
        // say). Twilio may or may not have placed that call, so the key stays spent and says so.
        const interrupted = refusal(
          502,
          "call_outcome_unknown",
          "Outcome unknown",
          "An earlier request with this Idempotency-Key was interrupted; the call may or may not have been placed.",
        );
        sql.exec(
          "UPDATE idempotency SET answer = ? WHERE key = ?",
          JSON.stringify(interrupted),
          key,
        );
        return { ...interrupted, replayed: true };
      }
      return { ...(await pending).answer, replayed: true };
    }
    sql.exec(
      "INSERT INTO idempotency (key, fingerprint, at) VALUES (?, ?, ?)",
      key,
      input.fingerprint,
      now,
    );
    const attempt = this.place(input, now);
    this.inflight.set(key, attempt);
    try {
      const { answer, keep } = await attempt;
      if (keep)
        sql.exec("UPDATE idempotency SET answer = ? WHERE key = ?", JSON.stringify(answer), key);
      else sql.exec("DELETE FROM idempotency WHERE key = ?", key);
      return answer;
    } catch (error) {
      sql.exec("DELETE FROM idempotency WHERE key = ?", key);
      throw error;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** Reserves the caller's quota, then lets {@link placeCall} do the rest; `keep` = spent. */
  private async place(
    input: CreateInput,
    now: number,
  ): Promise<{ answer: CreateAnswer; keep: boolean }> {
    const config = requireConfig(this.env);
    const sql = this.ctx.storage.sql;
    const windows: Window[] = [
      {
        limit: config.limits.callerPerMinute,
        ms: MINUTE_MS,
        code: "caller_minute_quota",
        detail: "Too many calls this minute.",
      },
      {
        limit: config.limits.callerPerDay,
        ms: DAY_MS,
        code: "caller_daily_quota",
        detail: "Too many calls today.",
      },
    ];
    const count = "SELECT count(*) AS count, min(at) AS oldest FROM placed WHERE at > ?";
    const full = firstFull(
      windows.map(
        (window) => [window, windowState(sql.exec(count, now - window.ms).one())] as const,
      ),
      now,
    );
    if (full) return { answer: { ok: false, problem: full }, keep: false };
    const id = Number(sql.exec("INSERT INTO placed (at) VALUES (?) RETURNING id", now).one().id);
    const release = () => sql.exec("DELETE FROM placed WHERE id = ?", id);
    try {
      const callback = callbackUrlFor(config, this.ctx.id.toString());
      const result = await placeCall(this.env, config, input.call, callback);
      if (!result.keep) release();
      if (result.answer.ok) {
        const { status, ...call } = result.answer.call;
        this.calls.register({
          ...call,
          owner: input.caller,
          update: { status, at: call.createdAt },
        });
      }
      return result;
    } catch (error) {
      // placeCall only throws before Twilio placed anything (the budget object failed): nothing spent.
      release();
      throw error;
    }
  }
}
