import {
  RECIPIENT_STATES,
  type RecipientCounts,
  type RecipientState,
  zeroCounts,
} from "./recipient-state.js";

/** One recipient as the campaign object stores it. */
export type RecipientRow = {
  /** The recipient id: its position in the campaign, from 1. */
  seq: number;
  to: string;
  ref: string | null;
  state: RecipientState;
  /** Why it is refused, failed or unknown: a stable reason code. */
  reason: string | null;
  twilioCode: number | null;
  callSid: string | null;
  /** Create requests started for it (intents written). */
  attempts: number;
  /** Whether its one retry after a proven absence is used. */
  retried: boolean;
  /** Calls list lookups made for it while unknown. */
  lookups: number;
  /** When its latest intent was written (ms), or null. */
  intentAt: number | null;
  updatedAt: number;
};

/** A recipient as the caller enters it, with the state policy gave it (`pending` or `refused`). */
export type NewRecipient = {
  to: string;
  ref: string | null;
  state: "pending" | "refused";
  reason: string | null;
};

/** The fields of a recipient a transition may change. */
export type RecipientChange = Partial<Omit<RecipientRow, "seq" | "to" | "ref">>;

const COLUMNS: Record<keyof RecipientChange, string> = {
  state: "state",
  reason: "reason",
  twilioCode: "twilio_code",
  callSid: "call_sid",
  attempts: "attempts",
  retried: "retried",
  lookups: "lookups",
  intentAt: "intent_at",
  updatedAt: "updated_at",
};

const SELECT =
  'SELECT seq, "to", ref, state, reason, twilio_code, call_sid, attempts, retried, lookups, intent_at, updated_at FROM recipients';

const rowOf = (row: Record<string, SqlStorageValue>): RecipientRow => ({
  seq: Number(row.seq),
  to: String(row.to),
  ref: row.ref === null ? null : String(row.ref),
  state: String(row.state) as RecipientState,
  reason: row.reason === null ? null : String(row.reason),
  twilioCode: row.twilio_code === null ? null : Number(row.twilio_code),
  callSid: row.call_sid === null ? null : String(row.call_sid),
  attempts: Number(row.attempts),
  retried: Number(row.retried) === 1,
  lookups: Number(row.lookups),
  intentAt: row.intent_at === null ? null : Number(row.intent_at),
  updatedAt: Number(row.updated_at),
});

/** The recipients of one campaign, in its object's SQLite storage. */
export const recipientsTable = (sql: SqlStorage) => {
  sql.exec(
    'CREATE TABLE IF NOT EXISTS recipients (seq INTEGER PRIMARY KEY, "to" TEXT NOT NULL UNIQUE, ref TEXT, state TEXT NOT NULL, reason TEXT, twilio_code INTEGER, call_sid TEXT, attempts INTEGER NOT NULL DEFAULT 0, retried INTEGER NOT NULL DEFAULT 0, lookups INTEGER NOT NULL DEFAULT 0, intent_at INTEGER, updated_at INTEGER NOT NULL);' +
      "CREATE INDEX IF NOT EXISTS recipients_state ON recipients (state, seq);",
  );
  // Rows changed by the last statement (rowsWritten would count index writes too).
  const changes = (): number => Number(sql.exec("SELECT changes() AS n").one().n);
  const many = (query: string, ...bindings: SqlStorageValue[]) =>
    sql
      .exec(query, ...bindings)
      .toArray()
      .map(rowOf);
  return {
    /** Adds recipients in order; a `to` already in the campaign is skipped and counted. */
    insert(
      recipients: readonly NewRecipient[],
      now: number,
    ): { added: number; duplicates: number } {
      let added = 0;
      for (const { to, ref, state, reason } of recipients) {
        sql.exec(
          'INSERT OR IGNORE INTO recipients ("to", ref, state, reason, updated_at) VALUES (?, ?, ?, ?, ?)',
          to,
          ref,
          state,
          reason,
          now,
        );
        added += changes();
      }
      return { added, duplicates: recipients.length - added };
    },
    counts(): RecipientCounts {
      const counts = zeroCounts();
      for (const row of sql.exec("SELECT state, count(*) AS n FROM recipients GROUP BY state")) {
        const state = String(row.state) as RecipientState;
        if (RECIPIENT_STATES.includes(state)) counts[state] = Number(row.n);
      }
      return counts;
    },
    total: (): number => Number(sql.exec("SELECT count(*) AS n FROM recipients").one().n),
    get: (seq: number): RecipientRow | undefined => many(`${SELECT} WHERE seq = ?`, seq)[0],
    /** The first `limit` recipients in `state`. */
    inState: (state: RecipientState, limit: number): RecipientRow[] =>
      many(`${SELECT} WHERE state = ? ORDER BY seq LIMIT ?`, state, limit),
    /**
     * Recipients in `state` last changed at or before `before`, oldest first; for `unknown`, only
     * those with fewer than `maxLookups` lookups (the others wait for a person).
     */
    staleInState: (
      state: RecipientState,
      before: number,
      limit: number,
      maxLookups = Number.MAX_SAFE_INTEGER,
    ): RecipientRow[] =>
      many(
        `${SELECT} WHERE state = ? AND updated_at <= ? AND lookups < ? ORDER BY updated_at LIMIT ?`,
        state,
        before,
        maxLookups,
        limit,
      ),
    /** The earliest `updated_at` among recipients in `state` (with fewer than `maxLookups`), or null. */
    oldestInState(state: RecipientState, maxLookups = Number.MAX_SAFE_INTEGER): number | null {
      const row = sql
        .exec(
          "SELECT min(updated_at) AS at FROM recipients WHERE state = ? AND lookups < ?",
          state,
          maxLookups,
        )
        .one();
      return row.at === null ? null : Number(row.at);
    },
    /** A page of recipients after `afterSeq`, optionally in one state. */
    page: (state: RecipientState | undefined, afterSeq: number, limit: number): RecipientRow[] =>
      state === undefined
        ? many(`${SELECT} WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, limit)
        : many(
            `${SELECT} WHERE state = ? AND seq > ? ORDER BY seq LIMIT ?`,
            state,
            afterSeq,
            limit,
          ),
    update(seq: number, change: RecipientChange): void {
      const entries = Object.entries(change) as Array<[keyof RecipientChange, unknown]>;
      if (entries.length === 0) return;
      const sets = entries.map(([key]) => `${COLUMNS[key]} = ?`).join(", ");
      const values = entries.map(([, value]) =>
        typeof value === "boolean" ? (value ? 1 : 0) : (value as SqlStorageValue),
      );
      sql.exec(`UPDATE recipients SET ${sets} WHERE seq = ?`, ...values, seq);
    },
    /** Moves every pending recipient to `canceled`; returns how many. */
    cancelPending(now: number): number {
      sql.exec(
        "UPDATE recipients SET state = 'canceled', reason = 'campaign_canceled', updated_at = ? WHERE state = 'pending'",
        now,
      );
      return changes();
    },
  };
};

/** The recipients table's operations. */
export type RecipientsTable = ReturnType<typeof recipientsTable>;
