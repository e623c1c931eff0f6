import type { CallStatus } from "../../src/index.js";
import { isFinalStatus } from "../../src/proxy-client/index.js";
import type { ProxyConfig } from "../config/load.js";
import type { Problem } from "../http/problem.js";
import { type CallView, type StatusUpdate, viewOf } from "../twilio/call-status.js";
import { hangUpAtTwilio, hangUpStatusFor } from "../twilio/hang-up.js";
import { lookUpStatus } from "../twilio/look-up.js";
import { CallBook, type CallRegistration, type StoredCall } from "./call-book.js";
import { EventStreams, type StatusEvent } from "./event-streams.js";

/** A call with no status news for this long is looked up at Twilio (callbacks can be lost)… */
export const STALE_AFTER_MS = 30_000;
/** Open status streams a single call may have at once. */
export const MAX_STREAMS_PER_CALL = 10;

/** A hang-up's answer; `reason` goes into the request's log line. */
export type HangUpAnswer =
  | { ok: true; view: CallView; reason: string }
  | { ok: false; problem: Problem };

/** A status stream, or why not. */
export type WatchAnswer =
  | { ok: true; stream: ReadableStream<Uint8Array> }
  | { ok: false; problem: Problem };

/** What a status callback did: moved the status, changed nothing, or was a retry already recorded. */
export type CallbackResult = "status_applied" | "status_stale" | "status_duplicate";

const refusedHangUp = (view: CallView, code: number | undefined): HangUpAnswer => ({
  ok: false,
  problem: {
    status: 409,
    code: "hangup_refused",
    title: "Twilio did not end the call",
    detail: `Twilio refused to end the call${code ? ` (Twilio error ${code})` : ""}; its status is ${view.status}.`,
    twilioCode: code,
  },
});

const eventOf = (call: StoredCall): StatusEvent => ({
  id: call.changes,
  view: viewOf(call.record),
});

// …and at most once per this long, whatever Twilio answered (issue: 50 reads, one lookup).
const needsLookUp = (call: StoredCall, now: number): boolean =>
  !isFinalStatus(call.record.status) &&
  now - Date.parse(call.record.updatedAt) > STALE_AFTER_MS &&
  (call.lookedUpAt === null || now - call.lookedUpAt >= STALE_AFTER_MS);

/**
 * The life of the calls one caller placed, inside that caller's object: their records, status
 * reports, lookups at Twilio, hang-ups and open status streams. The object runs one event at a time
 * until it awaits, and every check-then-act step here happens before an await: concurrent reads of a
 * stale call share one lookup, concurrent hang-ups share one Twilio request.
 */
export class CallLife {
  private readonly book: CallBook;
  private readonly config: () => ProxyConfig;
  private readonly streams = new EventStreams((sid) => void this.freshen(sid));
  private readonly lookUps = new Map<string, Promise<void>>();
  private readonly hangUps = new Map<string, Promise<HangUpAnswer>>();

  constructor(sql: SqlStorage, config: () => ProxyConfig) {
    this.book = new CallBook(sql);
    this.config = config;
  }

  /** Records a call Twilio just placed, with its owner. */
  register(registration: CallRegistration): void {
    this.book.register(registration, Date.now());
  }

  /** The call's view for `caller`, looked up at Twilio first when stale; null unless `caller` owns it. */
  async read(caller: string, sid: string): Promise<CallView | null> {
    if (!this.owned(caller, sid)) return null;
    await this.freshen(sid);
    const call = this.owned(caller, sid);
    return call ? viewOf(call.record) : null;
  }

  /** A status stream of the call for `caller`; null unless `caller` owns it. */
  async watch(caller: string, sid: string): Promise<WatchAnswer | null> {
    if (!this.owned(caller, sid)) return null;
    await this.freshen(sid);
    const call = this.owned(caller, sid);
    if (!call) return null;
    if (this.streams.count(sid) >= MAX_STREAMS_PER_CALL) {
      const detail = `A call may have at most ${MAX_STREAMS_PER_CALL} open status streams; close one first.`;
      return {
        ok: false,
        problem: { status: 429, code: "too_many_streams", title: "Too many streams", detail },
      };
    }
    return { ok: true, stream: this.streams.subscribe(sid, eventOf(call)) };
  }

  /** Applies a status callback, once per `I-Twilio-Idempotency-Token`. */
  callback(sid: string, update: StatusUpdate, token: string | null): CallbackResult {
    if (token !== null && !this.book.firstDelivery(token, Date.now())) return "status_duplicate";
    return this.apply(sid, update) ? "status_applied" : "status_stale";
  }

  /**
   * Ends the call for `caller` (null unless `caller` owns it). A final call, or one Twilio already
   * accepted a hang-up for, is answered as it stands; concurrent hang-ups share one Twilio request.
   */
  async hangUp(caller: string, sid: string): Promise<HangUpAnswer | null> {
    const call = this.owned(caller, sid);
    if (!call) return null;
    const pending = this.hangUps.get(sid);
    if (pending) {
      const answer = await pending;
      return answer.ok ? { ...answer, reason: "hangup_joined" } : answer;
    }
    if (isFinalStatus(call.record.status) || call.hungUp !== null) {
      return { ok: true, view: viewOf(call.record), reason: "hangup_not_needed" };
    }
    const attempt = this.end(sid, call.record).finally(() => this.hangUps.delete(sid));
    this.hangUps.set(sid, attempt);
    return attempt;
  }

  /**
   * Sends the status that ends the call. A cancel can meet a call answered meanwhile (Twilio leaves
   * it untouched, or refuses with 21220): it is then completed. Any other refusal re-reads the status:
   * a call that has ended is answered as it is now (the hang-up's goal is met), else a 409.
   */
  private async end(sid: string, record: StoredCall["record"]): Promise<HangUpAnswer> {
    let sent = hangUpStatusFor(record.status);
    for (;;) {
      const outcome = await hangUpAtTwilio(this.config(), sid, sent);
      if (outcome.kind === "failed") return { ok: false, problem: outcome.problem };
      let now: CallStatus;
      if (outcome.kind === "accepted") {
        this.apply(sid, outcome.update);
        now = outcome.update.status;
        if (!(sent === "canceled" && now === "in-progress")) {
          this.book.noteHangUp(sid, sent);
          return { ok: true, view: this.view(sid), reason: "hangup_sent" };
        }
      } else {
        this.book.noteLookUp(sid, Date.now());
        const update = await lookUpStatus(this.config(), sid);
        if (update) this.apply(sid, update);
        const view = this.view(sid);
        now = view.status;
        if (isFinalStatus(now)) return { ok: true, view, reason: "hangup_call_ended" };
        if (!(sent === "canceled" && now === "in-progress"))
          return refusedHangUp(view, outcome.twilioCode);
      }
      sent = "completed";
    }
  }

  private owned(caller: string, sid: string): StoredCall | undefined {
    const call = this.book.find(sid);
    return call?.record.owner === caller ? call : undefined;
  }

  private view(sid: string): CallView {
    const call = this.book.find(sid);
    if (!call) throw new Error("call record vanished");
    return viewOf(call.record);
  }

  /** Records a status report; a change of status goes out to the call's open streams. */
  private apply(sid: string, update: StatusUpdate): boolean {
    const { call, moved } = this.book.apply(sid, update, Date.now());
    if (moved) this.streams.publish(sid, eventOf(call));
    return moved;
  }

  /** Looks the status up at Twilio when the call is stale; concurrent callers share the lookup. */
  private freshen(sid: string): Promise<void> {
    const pending = this.lookUps.get(sid);
    if (pending) return pending;
    const call = this.book.find(sid);
    const now = Date.now();
    if (!call || !needsLookUp(call, now)) return Promise.resolve();
    this.book.noteLookUp(sid, now);
    const lookUp = lookUpStatus(this.config(), sid)
      .then((update) => {
        if (update) this.apply(sid, update);
      })
      .finally(() => this.lookUps.delete(sid));
    this.lookUps.set(sid, lookUp);
    return lookUp;
  }
}
