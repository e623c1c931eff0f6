import { DurableObject } from "cloudflare:workers";
import { loadConfig } from "./config.js";
import type { Env } from "./env.js";
import { DAY_MS, HOUR_MS, type Window, type WindowState, waitSeconds } from "./windows.js";

/** The answer of {@link BudgetObject.reserve}. */
export type Grant =
  | { ok: true; id: number }
  | { ok: false; code: string; detail: string; retryAfter: number };

/**
 * The one global budget (a single instance named "global"): calls placed per day across all callers,
 * and per destination number per hour, so that many callers cannot pump one number together. A
 * reservation is taken before the Twilio request and released when Twilio refuses the call. Its
 * methods run without awaiting, so concurrent reservations are serialised by the object itself.
 */
export class BudgetObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS spent (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, destination TEXT NOT NULL);" +
        "CREATE INDEX IF NOT EXISTS spent_destination ON spent (destination, at);",
    );
  }

  private state(since: number, destination?: string): WindowState {
    const sql = this.ctx.storage.sql;
    const row = destination
      ? sql
          .exec(
            "SELECT count(*) AS count, min(at) AS oldest FROM spent WHERE at > ? AND destination = ?",
            since,
            destination,
          )
          .one()
      : sql
          .exec("SELECT count(*) AS count, min(at) AS oldest FROM spent WHERE at > ?", since)
          .one();
    return { count: Number(row.count), oldest: row.oldest === null ? null : Number(row.oldest) };
  }

  /** Takes one unit of the global daily budget and of `destination`'s hourly quota, or says why not. */
  reserve(destination: string): Grant {
    const loaded = loadConfig(this.env);
    if (!loaded.ok) throw new Error(`config invalid: ${loaded.issue.setting}`);
    const { limits } = loaded.config;
    const now = Date.now();
    this.ctx.storage.sql.exec("DELETE FROM spent WHERE at <= ?", now - DAY_MS);
    const checks: [Window, WindowState][] = [
      [
        {
          limit: limits.globalPerDay,
          ms: DAY_MS,
          code: "global_daily_budget",
          detail: "The proxy's daily call budget is spent.",
        },
        this.state(now - DAY_MS),
      ],
      [
        {
          limit: limits.destinationPerHour,
          ms: HOUR_MS,
          code: "destination_hourly_quota",
          detail: "This number has been called too often in the last hour.",
        },
        this.state(now - HOUR_MS, destination),
      ],
    ];
    for (const [window, state] of checks) {
      const wait = waitSeconds(window, state, now);
      if (wait > 0)
        return { ok: false, code: window.code, detail: window.detail, retryAfter: wait };
    }
    const row = this.ctx.storage.sql
      .exec("INSERT INTO spent (at, destination) VALUES (?, ?) RETURNING id", now, destination)
      .one();
    return { ok: true, id: Number(row.id) };
  }

  /** Gives a reservation back (Twilio refused the call, so nothing was spent). */
  release(id: number): void {
    this.ctx.storage.sql.exec("DELETE FROM spent WHERE id = ?", id);
  }
}
