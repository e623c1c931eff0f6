import { DurableObject } from "cloudflare:workers";
import type { Env } from "../config/env.js";
import {
  applyUpdate,
  type CallRecord,
  type CallView,
  type StatusUpdate,
} from "../twilio/call-status.js";

/** Who created a call and with what; written by the caller's object once Twilio placed it. */
export type CallRegistration = {
  sid: string;
  owner: string;
  to: string;
  from: string;
  flow: string;
  createdAt: string;
  update: StatusUpdate;
};

/**
 * One call, named by its SID: its owner and its latest status. Status callbacks and the creating
 * request may arrive in any order; each method reads and writes without awaiting, so they are applied
 * one at a time, and a status never moves backwards.
 */
export class CallObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS record (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    );
  }

  private stored(): CallRecord | undefined {
    const row = this.ctx.storage.sql.exec("SELECT json FROM record").toArray()[0];
    return row ? (JSON.parse(String(row.json)) as CallRecord) : undefined;
  }

  /** The stored record, or a blank one (a callback may arrive before the call is registered). */
  private load(sid: string, at: string): CallRecord {
    const record = this.stored();
    if (record) return record;
    const blank = { owner: null, to: null, from: null, flow: null, createdAt: null };
    return { sid, ...blank, status: "queued", updatedAt: at, duration: null, answeredBy: null };
  }

  private save(record: CallRecord): void {
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO record (id, json) VALUES (1, ?)",
      JSON.stringify(record),
    );
  }

  /** Records the owner and the call's first known status. */
  register(registration: CallRegistration): void {
    const { sid, owner, to, from, flow, createdAt, update } = registration;
    const record = this.load(sid, update.at);
    this.save(applyUpdate({ ...record, owner, to, from, flow, createdAt }, update));
  }

  /** Applies a status report; returns false when it was stale and changed nothing. */
  applyStatus(sid: string, update: StatusUpdate): boolean {
    const record = this.load(sid, update.at);
    const next = applyUpdate(record, update);
    if (next === record) return false;
    this.save(next);
    return true;
  }

  /** The call's view for `caller`, or null when the call is unknown or belongs to someone else. */
  read(caller: string): CallView | null {
    const record = this.stored();
    if (record?.owner !== caller) return null;
    const { sid, status, to, from, flow, createdAt, updatedAt, duration, answeredBy } = record;
    return {
      sid,
      status,
      to: to ?? "",
      from: from ?? "",
      flow: flow ?? "",
      createdAt: createdAt ?? updatedAt,
      updatedAt,
      duration,
      answeredBy,
    };
  }
}
