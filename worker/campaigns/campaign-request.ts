import * as v from "valibot";
import { fail } from "../http/problem.js";

/** Most recipients one request may carry; append more with `POST /v1/campaigns/{id}/recipients`. */
export const MAX_RECIPIENTS_PER_REQUEST = 10_000;

/** Largest body of a create or append request: 10,000 recipients with long refs fit. */
export const MAX_CAMPAIGN_BODY_BYTES = 2_000_000;

/**
 * Longest `to` taken: E.164 needs 16 characters; a longer spelling is still refused with the policy's
 * reason and kept, but a refused `to` is stored and listed back whole, so it cannot be unbounded.
 */
const MAX_TO_LENGTH = 32;

const recipient = v.strictObject(
  {
    to: v.pipe(
      v.string("must be a string"),
      v.maxLength(MAX_TO_LENGTH, `must be at most ${MAX_TO_LENGTH} characters`),
    ),
    ref: v.optional(
      v.pipe(
        v.string("must be a string"),
        v.maxLength(128, "must be at most 128 characters"),
        v.regex(/^[^\p{Cc}]*$/u, "must not hold control characters"),
      ),
    ),
  },
  "must be an object with to and optionally ref (no other keys)",
);

const recipients = v.pipe(
  v.array(recipient, "must be an array of { to, ref? }"),
  v.minLength(1, "must hold at least one recipient"),
  v.maxLength(
    MAX_RECIPIENTS_PER_REQUEST,
    `must hold at most ${MAX_RECIPIENTS_PER_REQUEST} recipients (append the rest)`,
  ),
);

const CREATE = v.strictObject({
  flow: v.optional(v.string("must be a string")),
  from: v.optional(v.string("must be a string")),
  recipients,
});

const APPEND = v.strictObject({ recipients });

/** One recipient as the caller sent it. */
export type RecipientInput = v.InferOutput<typeof recipient>;
/** The body of `POST /v1/campaigns`. */
export type CreateCampaignRequest = v.InferOutput<typeof CREATE>;
/** The body of `POST /v1/campaigns/{id}/recipients`. */
export type AppendRecipientsRequest = v.InferOutput<typeof APPEND>;

const parse = <T extends v.GenericSchema>(
  schema: T,
  body: Record<string, unknown>,
  allowed: string,
): v.InferOutput<T> => {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const path = (issue.path ?? []).map((item) => String(item.key));
  const field = path.length === 0 ? "body" : path.join(".").replace(/\.(\d+)(?=\.|$)/g, "[$1]");
  if (issue.type === "strict_object" && issue.input !== undefined && path.length > 0) {
    const only =
      path.length === 1 ? `the body may only hold ${allowed}` : "a recipient holds to and ref";
    throw fail(400, "unknown_field", "Unknown field", `${field} is not accepted; ${only}.`);
  }
  const rule = issue.input === undefined ? "is required" : issue.message;
  throw fail(400, "invalid_field", "Invalid field", `${field} ${rule}.`);
};

/** Validates a create body strictly; the first broken rule is a 400 naming the field. */
export const parseCreateCampaign = (body: Record<string, unknown>): CreateCampaignRequest =>
  parse(CREATE, body, "flow, from and recipients");

/** Validates an append body strictly. */
export const parseAppendRecipients = (body: Record<string, unknown>): AppendRecipientsRequest =>
  parse(APPEND, body, "recipients");
