import type { CallStatus } from "../../src/index.js";
import type { Problem } from "../http/problem.js";
import type { NarrowedCall } from "../policy/call-request.js";

/** The narrowed 201 answer of `POST /v1/calls`. */
export type CreatedCall = {
  sid: string;
  status: CallStatus;
  to: string;
  from: string;
  flow: string;
  createdAt: string;
};

/** What the caller's object answers; `replayed` marks an idempotent replay of an earlier answer. */
export type CreateAnswer =
  | { ok: true; call: CreatedCall; replayed?: boolean }
  | { ok: false; problem: Problem; replayed?: boolean };

/** A create request, already authenticated, narrowed and checked against the destination policy. */
export type CreateInput = {
  caller: string;
  idempotencyKey: string | null;
  /** SHA-256 of the request body's fields: the same key with another body is refused. */
  fingerprint: string;
  call: NarrowedCall;
};
