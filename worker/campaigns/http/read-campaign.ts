import type { Handler } from "../../http/context.js";
import { fail, ProblemError } from "../../http/problem.js";
import { authenticateCampaignCaller } from "../access.js";
import { isRecipientState, type RecipientState } from "../recipient-state.js";
import { campaignNotFound, campaignStub } from "./campaign-stub.js";

const noStore = { "Cache-Control": "no-store" };

/** `GET /v1/campaigns/{id}`: state, counts by recipient state, and the pacing rate. */
export const getCampaign: Handler = async ({ request, env, config, log, params }) => {
  const caller = await authenticateCampaignCaller(request, config);
  log.caller = caller;
  const view = await campaignStub(env, params.id).read(caller);
  if (!view) throw campaignNotFound();
  return Response.json(view, { headers: noStore });
};

const invalidQuery = (detail: string) => fail(400, "invalid_query", "Invalid query", detail);

const listQuery = (url: URL) => {
  const state = url.searchParams.get("state");
  if (state !== null && !isRecipientState(state)) {
    throw invalidQuery(
      "state must be one of the recipient states (pending, placed, completed, …).",
    );
  }
  const cursor = url.searchParams.get("cursor") ?? "0";
  if (!/^\d{1,9}$/.test(cursor))
    throw invalidQuery("cursor must be the `next` of a previous page.");
  const limit = url.searchParams.get("limit") ?? "100";
  if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000) {
    throw invalidQuery("limit must be an integer from 1 to 1000.");
  }
  return {
    state: (state ?? undefined) as RecipientState | undefined,
    after: Number(cursor),
    limit: Number(limit),
  };
};

/** `GET /v1/campaigns/{id}/recipients?state=&cursor=&limit=`: each recipient's outcome, paged. */
export const listRecipients: Handler = async ({ request, env, config, log, params }) => {
  const caller = await authenticateCampaignCaller(request, config);
  log.caller = caller;
  const stub = campaignStub(env, params.id);
  const page = await stub.list(caller, listQuery(new URL(request.url)));
  if (!page) throw campaignNotFound();
  return Response.json(page, { headers: noStore });
};

/**
 * `GET /v1/campaigns/{id}/events`: server-sent events, `event: progress` with the campaign's view
 * whenever it changes; the stream ends once no recipient can change any more. At most 10 at once
 * per campaign (429 `too_many_streams`).
 */
export const campaignEvents: Handler = async ({ request, env, config, log, params }) => {
  const caller = await authenticateCampaignCaller(request, config);
  log.caller = caller;
  const answer = await campaignStub(env, params.id).events(caller);
  if (!answer) throw campaignNotFound();
  if (!answer.ok) throw new ProblemError(answer.problem);
  return new Response(answer.stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", ...noStore },
  });
};
