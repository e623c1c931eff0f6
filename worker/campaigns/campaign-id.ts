import { sha256Hex, toHex } from "../shared/digest.js";

const CAMPAIGN_ID = /^cmp_[0-9a-f]{32}$/;

/** Whether `value` is a campaign id (anything else is never looked up). */
export const isCampaignId = (value: unknown): value is string =>
  typeof value === "string" && CAMPAIGN_ID.test(value);

/**
 * A new campaign's id. With an Idempotency-Key it is derived from the caller and the key, so that a
 * repeated request lands in the very same campaign object, which then answers the replay itself.
 */
export const newCampaignId = async (caller: string, idempotencyKey: string | null) =>
  idempotencyKey === null
    ? `cmp_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`
    : `cmp_${(await sha256Hex(`${caller}\n${idempotencyKey}`)).slice(0, 32)}`;

/** A recipient id as it travels in URLs: its position in the campaign, from 1. */
export const parseRecipientId = (value: string | null): number | undefined => {
  if (value === null || !/^[1-9]\d{0,8}$/.test(value)) return undefined;
  return Number(value);
};
