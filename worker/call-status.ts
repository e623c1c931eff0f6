import type { CallStatus } from "../src/index.js";

/** What the proxy remembers about one call (kept in the call's own Durable Object). */
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
};

/** The narrowed view `GET /v1/calls/{sid}` answers with. */
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
};

/** One status report, from a callback or from Twilio's own answer. */
export type StatusUpdate = {
  status: CallStatus;
  at: string;
  duration?: number | undefined;
  answeredBy?: string | undefined;
};

export const FINAL_STATUSES: readonly CallStatus[] = [
  "completed",
  "busy",
  "failed",
  "no-answer",
  "canceled",
];

// Callbacks can arrive out of order; a status only ever moves forward along this order.
const rank = (status: CallStatus): number =>
  FINAL_STATUSES.includes(status) ? 3 : status === "in-progress" ? 2 : status === "ringing" ? 1 : 0;

/** Twilio's callback statuses in the core's vocabulary (`initiated` is reported as `queued`). */
export const callStatusOf = (value: string): CallStatus | undefined => {
  if (value === "initiated") return "queued";
  const known: CallStatus[] = ["queued", "ringing", "in-progress", ...FINAL_STATUSES];
  return known.includes(value as CallStatus) ? (value as CallStatus) : undefined;
};

/** `record` after `update`, or `record` itself when the update is stale (a late `ringing`). */
export const applyUpdate = (record: CallRecord, update: StatusUpdate): CallRecord => {
  const current = rank(record.status);
  const next = rank(update.status);
  if (next < current || (next === current && current === 3)) return record;
  return {
    ...record,
    status: update.status,
    updatedAt: update.at,
    duration: update.duration ?? record.duration,
    answeredBy: update.answeredBy ?? record.answeredBy,
  };
};
