import type { CallStatus } from "../../src/index.js";
import { DAY_MS } from "../policy/windows.js";
import { applyUpdate, type CallRecord, type StatusUpdate } from "../twilio/call-status.js";

/** A call as its owner's object keeps it. */
export type StoredCall = {
  record: CallRecord;
  /** Status changes recorded so far (1 for the first status): the stream's event id. */
  changes: number;
  /** When Twilio was last asked for the status (ms), whatever it answered; null if never. */
  lookedUpAt: number | null;
  /** The status a hang-up asked for and Twilio accepted; null until then. */
  hungUp: CallStatus | null;
};

/** Who created a call and with what, once Twilio placed it. */
export type CallRegistration = Pick<CallRecord, "sid" | "to" | "from" | "flow" | "createdAt"> & {
  owner: string;
  update: StatusUpdate;
};

/** Call records are kept this long after their last change (a day of calls is ~15 KB). */
const KEEP_CALLS_MS = 30 * DAY_MS;
/** Twilio retries a callback within minutes; its idempotency token is remembered for a day. */
const KEEP_TOKENS_MS = DAY_MS;

const blank = (sid: string, at: string): CallRecord => ({
  sid,
  owner: null,
  to: null,
  from: null,
  flow: null,
  createdAt: null,
  status: "queued",
  updatedAt: at,
  duration: null,
  answeredBy: null,
  sipResponseCode: null,
});

/**
 * The calls of one caller, in its object's SQLite storage. Every method is synchronous, so the
 * object applies status reports, lookups and hang-ups one at a time and a status never moves back.
 */
export class CallBook {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec(
      "CREATE TABLE IF NOT EXISTS calls (sid TEXT PRIMARY KEY, record TEXT NOT NULL, changes INTEGER NOT NULL, touched INTEGER NOT NULL, looked_up INTEGER, hung_up TEXT);" +
        "CREATE INDEX IF NOT EXISTS calls_touched ON calls (touched);" +
        "CREATE TABLE IF NOT EXISTS callback_tokens (token TEXT PRIMARY KEY, at INTEGER NOT NULL);" +
        "CREATE INDEX IF NOT EXISTS callback_tokens_at ON callback_tokens (at);",
    );
  }

  /** The stored call, or undefined. */
  find(sid: string): StoredCall | undefined {
    const row = this.sql
      .exec("SELECT record, changes, looked_up, hung_up FROM calls WHERE sid = ?", sid)
      .toArray()[0];
    if (!row) return undefined;
    return {
      record: JSON.parse(String(row.record)) as CallRecord,
      changes: Number(row.changes),
      lookedUpAt: row.looked_up === null ? null : Number(row.looked_up),
      hungUp: row.hung_up === null ? null : (String(row.hung_up) as CallStatus),
    };
  }

  /** Records the owner and the call's first known status (a callback may have come first). */
  register(registration: CallRegistration, now: number): StoredCall {
    this.sql.exec("DELETE FROM calls WHERE touched <= ?", now - KEEP_CALLS_MS);
    const { update, ...who } = registration;
    return this.write(registration.sid, update, now, who).call;
  }

  /**
   * Applies a status report; `moved` tells whether the status changed (a stale or repeated report
   * changes nothing, though it may add a duration or who answered).
   */
  apply(sid: string, update: StatusUpdate, now: number): { call: StoredCall; moved: boolean } {
    return this.write(sid, update, now);
  }

  /** Notes that Twilio is being asked for the status now. */
  noteLookUp(sid: string, now: number): void {
    this.sql.exec("UPDATE calls SET looked_up = ? WHERE sid = ?", now, sid);
  }

  /** Notes that Twilio accepted a hang-up asking for `status`. */
  noteHangUp(sid: string, status: CallStatus): void {
    this.sql.exec("UPDATE calls SET hung_up = ? WHERE sid = ?", status, sid);
  }

  /** False when a callback with this `I-Twilio-Idempotency-Token` was already recorded. */
  firstDelivery(token: string, now: number): boolean {
    this.sql.exec("DELETE FROM callback_tokens WHERE at <= ?", now - KEEP_TOKENS_MS);
    const fresh = this.sql
      .exec(
        "INSERT OR IGNORE INTO callback_tokens (token, at) VALUES (?, ?) RETURNING token",
        token,
        now,
      )
      .toArray();
    return fresh.length > 0;
  }

  private write(
    sid: string,
    update: StatusUpdate,
    now: number,
    who: Partial<CallRecord> = {},
  ): { call: StoredCall; moved: boolean } {
    const stored = this.find(sid);
    const record = stored?.record ?? blank(sid, update.at);
    const next = applyUpdate({ ...record, ...who }, update);
    const moved = stored === undefined || next.status !== record.status;
    const changes = (stored?.changes ?? 0) + (moved ? 1 : 0);
    this.sql.exec(
      "INSERT INTO calls (sid, record, changes, touched) VALUES (?, ?, ?, ?) ON CONFLICT (sid) DO UPDATE SET record = excluded.record, changes = excluded.changes, touched = excluded.touched",
      sid,
      JSON.stringify(next),
      changes,
      now,
    );
    const call = {
      record: next,
      changes,
      lookedUpAt: stored?.lookedUpAt ?? null,
      hungUp: stored?.hungUp ?? null,
    };
    return { call, moved };
  }
}
