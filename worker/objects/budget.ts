import { DurableObject } from "cloudflare:workers";
import type { Env } from "../config/env.js";
import { requireConfig } from "../config/load.js";
import type { Problem } from "../http/problem.js";
import { DAY_MS, firstFull, HOUR_MS, type Window, windowState } from "../policy/windows.js";

/** The answer of {@link BudgetObject.reserve}: a reservation id, or the 429 that says why not. */
export type Grant = { ok: true; id: number } | { ok: false; problem: Problem };

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
        "CREATE INDEX IF NOT EXISTS spent_destination ON spent (destination, at);" +
        // Every reservation of every caller prunes and counts by time here.
        "CREATE INDEX IF NOT EXISTS spent_at ON spent (at);",
    );
  }

  /** Takes one unit of the global daily budget and of `destination`'s hourly quota, or says why not. */
  reserve(destination: string): Grant {
    const { limits } = requireConfig(this.env);
    const sql = this.ctx.storage.sql;
    const now = Date.now();
    sql.exec("DELETE FROM spent WHERE at <= ?", now - DAY_MS);
    const global: Window = {
      limit: limits.globalPerDay,
      ms: DAY_MS,
      code: "global_daily_budget",
      detail: "The proxy's daily call budget is spent.",
    };
    const perNumber: Window = {
      limit: limits.destinationPerHour,
      ms: HOUR_MS,
      code: "destination_hourly_quota",
      detail: "This number has been called too often in the last hour.",
    };
    const count = "SELECT count(*) AS count, min(at) AS oldest FROM spent WHERE at > ?";
    const refusal = firstFull(
      [
        [global, windowState(sql.exec(count, now - DAY_MS).one())],
        [
          perNumber,
          windowState(sql.exec(`${count} AND destination = ?`, now - HOUR_MS, destination).one()),
        ],
      ],
      now,
    );
    if (refusal) return { ok: false, problem: refusal };
    const row = sql
      .exec("INSERT INTO spent (at, destination) VALUES (?, ?) RETURNING id", now, destination)
      .one();
    return { ok: true, id: Number(row.id) };
  }

  /** Gives a reservation back (Twilio refused the call, so nothing was spent). */
  release(id: number): void {
    this.ctx.storage.sql.exec("DELETE FROM spent WHERE id = ?", id);
  }
}
