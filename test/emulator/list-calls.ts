import type { CallResource } from "./call-resource.js";
import { type Problem, problem } from "./validate-params.js";

/** Twilio's page of Calls, as `GET …/Calls.json` answers it. */
export type CallsPage = {
  calls: CallResource[];
  end: number;
  first_page_uri: string;
  next_page_uri: string | null;
  page: number;
  page_size: number;
  previous_page_uri: string | null;
  start: number;
  uri: string;
};

/** A list request, checked: what to keep and which page to answer. */
export type ListQuery = {
  /** The filters exactly as given, in order: they are repeated in the page URIs. */
  filters: [string, string][];
  keep: (call: CallResource) => boolean;
  page: number;
  pageSize: number;
  /** `PA<sid>`: the page after that call; `PB<sid>`: the page before it. */
  pageToken: string | null;
};

const STATUSES = [
  "queued",
  "ringing",
  "in-progress",
  "canceled",
  "completed",
  "failed",
  "busy",
  "no-answer",
];
const EXACT = {
  To: "to",
  From: "from",
  ParentCallSid: "parent_call_sid",
  Status: "status",
} as const;
const DATES = { StartTime: "start_time", EndTime: "end_time" } as const;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a date filter: `YYYY-MM-DD` (UTC midnight) or any date-time Twilio takes. */
const parseDate = (value: string): number =>
  DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);

/**
 * One date filter. `=` keeps calls on the same UTC day (Twilio documents it per date), `<` those
 * strictly before the value, `>` those on or after it; a call without that time never matches.
 */
const dateTest = (field: "start_time" | "end_time", op: string, at: number) => {
  const day = at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
  return (call: CallResource): boolean => {
    const value = call[field];
    if (value === null) return false;
    const time = Date.parse(value);
    if (op === "<") return time < at;
    if (op === ">") return time >= at;
    return time >= day && time < day + DAY_MS;
  };
};

const wholeNumber = (value: string | null, min: number, max: number): number | undefined =>
  value !== null && /^\d+$/.test(value) && +value >= min && +value <= max ? +value : undefined;

/** Checks the query of a list request as Twilio does; the first problem, or the query. */
export const parseListQuery = (query: URLSearchParams): ListQuery | Problem => {
  const filters: [string, string][] = [];
  const tests: ((call: CallResource) => boolean)[] = [];
  for (const [key, field] of Object.entries(EXACT)) {
    const value = query.get(key);
    if (value === null) continue;
    if (key === "Status" && !STATUSES.includes(value)) {
      return problem(20001, `Status must be one of ${STATUSES.join(", ")}, not ${value}.`);
    }
    filters.push([key, value]);
    tests.push((call) => call[field] === value);
  }
  for (const [name, field] of Object.entries(DATES)) {
    for (const op of ["", "<", ">"]) {
      const key = name + op;
      const value = query.get(key);
      if (value === null) continue;
      const at = parseDate(value);
      if (Number.isNaN(at)) return problem(20001, `${key} is not a valid date: ${value}.`);
      filters.push([key, value]);
      tests.push(dateTest(field, op, at));
    }
  }
  const size = query.get("PageSize");
  const pageSize = size === null ? 50 : wholeNumber(size, 1, 1000);
  if (pageSize === undefined) {
    return problem(20001, `PageSize must be an integer from 1 to 1000, not ${size}.`);
  }
  const number = query.get("Page");
  const page = number === null ? 0 : wholeNumber(number, 0, Number.MAX_SAFE_INTEGER);
  if (page === undefined)
    return problem(20001, `Page must be an integer of 0 or more, not ${number}.`);
  const pageToken = query.get("PageToken");
  if (pageToken !== null && !/^P[AB]CA[0-9a-fA-F]{32}$/.test(pageToken)) {
    return problem(20001, `PageToken ${pageToken} is invalid.`);
  }
  const keep = (call: CallResource) => tests.every((test) => test(call));
  return { filters, keep, page, pageSize, pageToken };
};

/** Where the requested page starts in `calls`: after or before the token's call, else by number. */
const startOf = (calls: readonly CallResource[], query: ListQuery): number => {
  const { pageToken, page, pageSize } = query;
  const at = pageToken ? calls.findIndex((call) => call.sid === pageToken.slice(2)) : -1;
  if (at < 0) return page * pageSize;
  return pageToken?.startsWith("PA") ? at + 1 : Math.max(0, at - pageSize);
};

/**
 * The page `query` asks for from `calls` (newest first), with Twilio's page URIs: the filters, then
 * PageSize, Page and the PageToken that reaches the next or previous page.
 */
export const listPage = (
  path: string,
  calls: readonly CallResource[],
  query: ListQuery,
): CallsPage => {
  const { page, pageSize } = query;
  const matched = calls.filter(query.keep);
  const from = startOf(matched, query);
  const items = matched.slice(from, from + pageSize);
  const uri = (number: number, token?: string) => {
    const params = new URLSearchParams([...query.filters, ["PageSize", String(pageSize)]]);
    params.set("Page", String(number));
    if (token) params.set("PageToken", token);
    return `${path}?${params}`;
  };
  const first = items[0];
  const last = items.at(-1);
  const start = page * pageSize;
  return {
    calls: items,
    end: items.length > 0 ? start + items.length - 1 : start,
    first_page_uri: uri(0),
    next_page_uri:
      last && from + items.length < matched.length ? uri(page + 1, `PA${last.sid}`) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uri(page - 1, first && `PB${first.sid}`) : null,
    start,
    uri: uri(page, query.pageToken ?? undefined),
  };
};
