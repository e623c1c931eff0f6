import type { CallStatus } from "../../src/index.js";
import { isFinalStatus } from "../../src/proxy-client/index.js";

/** What the proxy remembers about one call (kept in its owner's Durable Object). */
export type CallRecord = {
  sid: string;
  owner: string | null;
  to: string | null;
  from: string | null;
  flow: string | null;
  createdAt: string | null;
  status: CallStatus;
  updatedAt: string;
  duration: number | null;
  answeredBy: string | null;
  /** The SIP response code Twilio reported with the final status (486 busy, 404 not found, …). */
  sipResponseCode?: number | null;
};

/** The narrowed view `GET /v1/calls/{sid}`, a hang-up and each event of the status stream answer with. */
export type CallView = {
  sid: string;
  status: CallStatus;
  to: string;
  from: string;
  flow: string;
  createdAt: string;
  updatedAt: string;
  duration: number | null;
  answeredBy: string | null;
  /** Why a call ended, as the SIP response code Twilio reported (486 busy, 404 not found, …). */
  sipResponseCode: number | null;
};

/** One status report, from a callback or from Twilio's own answer. */
export type StatusUpdate = {
  status: CallStatus;
  at: string;
  duration?: number | undefined;
  answeredBy?: string | undefined;
  sipResponseCode?: number | undefined;
};

/** The statuses a call passes through before it ends, in order; every final status ranks after them. */
const PROGRESS: readonly CallStatus[] = ["queued", "ringing", "in-progress"];

// Callbacks can arrive out of order; a status only ever moves forward along this order.
const rank = (status: CallStatus): number =>
  isFinalStatus(status) ? PROGRESS.length : PROGRESS.indexOf(status);

/** Twilio's callback statuses in the core's vocabulary (`initiated` is reported as `queued`). */
export const callStatusOf = (value: string): CallStatus | undefined => {
  const status = (value === "initiated" ? "queued" : value) as CallStatus;
  return rank(status) >= 0 ? status : undefined;
};

/**
 * `record` after `update`, or `record` itself when the update changes nothing (a late `ringing`, a
 * second final status, the same status again). `updatedAt` is when the status last changed.
 */
export const applyUpdate = (record: CallRecord, update: StatusUpdate): CallRecord => {
  const current = rank(record.status);
  const next = rank(update.status);
  if (next < current || (next === current && isFinalStatus(record.status))) return record;
  const moved = update.status !== record.status;
  const duration = update.duration ?? record.duration;
  const answeredBy = update.answeredBy ?? record.answeredBy;
  const sipResponseCode = update.sipResponseCode ?? record.sipResponseCode ?? null;
  const same =
    duration === record.duration &&
    answeredBy === record.answeredBy &&
    sipResponseCode === (record.sipResponseCode ?? null);
  if (!moved && same) return record;
  return {
    ...record,
    status: update.status,
    updatedAt: moved ? update.at : record.updatedAt,
    duration,
    answeredBy,
    sipResponseCode,
  };
};

/** The narrowed view of `record`, for its owner. */
export const viewOf = (record: CallRecord): CallView => {
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
    // Records stored before the field existed have none.
    sipResponseCode: record.sipResponseCode ?? null,
  };
};
