import type { CallCreateParams } from "../../src/index.js";
import type { StoredState } from "./campaign-view.js";

/** What a campaign object keeps about its campaign, beside the recipients. */
export type CampaignMeta = {
  id: string;
  /** The caller id that created it: the only one who sees it. */
  owner: string;
  /** SHA-256 of the create request: a repeated Idempotency-Key with another body is refused. */
  fingerprint: string;
  /** The Twilio account whose pacer releases its calls. */
  accountSid: string;
  state: StoredState;
  reason: string | null;
  /** The call every recipient gets, narrowed from config (`to` and StatusCallback are set per recipient). */
  params: CallCreateParams;
  /**
   * The flow and caller ID the call was narrowed from: each claim narrows them again with the config
   * of the moment (absent in campaigns stored before they were kept: those use `params`).
   */
  flow?: string;
  from?: string;
  createdAt: number;
};

/** The one-row table holding a campaign's {@link CampaignMeta}. */
export const metaTable = (sql: SqlStorage) => {
  sql.exec(
    "CREATE TABLE IF NOT EXISTS campaign (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
  );
  let cached: CampaignMeta | undefined;
  return {
    read(): CampaignMeta | undefined {
      if (cached) return cached;
      const row = sql.exec("SELECT json FROM campaign").toArray()[0];
      cached = row ? (JSON.parse(String(row.json)) as CampaignMeta) : undefined;
      return cached;
    },
    write(meta: CampaignMeta): void {
      sql.exec("INSERT OR REPLACE INTO campaign (id, json) VALUES (1, ?)", JSON.stringify(meta));
      cached = meta;
    },
  };
};
