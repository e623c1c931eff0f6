import { callable, check, integer } from "../shared/rules.js";
import { type Call, callFromJson } from "./call.js";
import { CALL_PAGE_RULES } from "./call-param-rules.js";
import type {
  CallEachCallback,
  CallEachParams,
  CallListParams,
  CallPageParams,
} from "./call-params.js";
import { formOf } from "./form.js";
import type { RequestOptions, Send } from "./request.js";

/** One page of calls, as `calls.page` gives it: the official package's `CallPage` members. */
export type CallPage = {
  /** The calls of this page, in Twilio's order (newest first). */
  instances: Call[];
  /** Absolute URL of the next page; undefined on the last page. */
  nextPageUrl: string | undefined;
  /** Absolute URL of the previous page; undefined on the first page. */
  previousPageUrl: string | undefined;
  /** Fetches the next page; resolves undefined on the last page. */
  nextPage(options?: RequestOptions): Promise<CallPage | undefined>;
  /** Fetches the previous page; resolves undefined on the first page. */
  previousPage(options?: RequestOptions): Promise<CallPage | undefined>;
};

/** `calls.list`: every call that matches, across pages; `.iterate` yields them one by one. */
export type CallList = {
  /**
   * Reads calls page by page (following Twilio's `next_page_uri`) until `limit` or the last page.
   * Each page read is retried on a 429, a 5xx or a failed fetch.
   * @example
   * const live = await twilio.calls.list({ status: "in-progress", limit: 20 });
   */
  (params?: CallListParams, options?: RequestOptions): Promise<Call[]>;
  /**
   * The same calls as an async iterator: a page is read only when the one before is used up.
   * @example
   * for await (const call of twilio.calls.list.iterate({ to: "+15558675310" })) console.log(call.sid);
   */
  iterate(params?: CallListParams, options?: RequestOptions): AsyncGenerator<Call, void, undefined>;
};

/** `calls.each`, with the official package's two forms: `each(callback)` and `each(params, callback)`. */
export type CallEach = {
  (callback: CallEachCallback, options?: RequestOptions): Promise<void>;
  (params: CallEachParams, callback?: CallEachCallback, options?: RequestOptions): Promise<void>;
};

type PageJson = { calls: unknown[]; next_page_uri?: unknown; previous_page_uri?: unknown };

/**
 * The list operations of one client (`page`, `list` with `iterate`, and `each`), for its `send`, its
 * Calls URL, and the `root` Twilio's paging links are resolved against. `list` and `each` walk the
 * pages `iterate` reads.
 */
export const callList = (send: Send, callsUrl: string, root: string) => {
  const pageAt = (url: string, options?: RequestOptions): Promise<CallPage> =>
    send("GET", url, options, (json: PageJson): CallPage => {
      // Only a path on the client's own host is followed: credentials never go anywhere else.
      const [nextPageUrl, previousPageUrl] = [json.next_page_uri, json.previous_page_uri].map(
        (uri) => (/^\//.test(uri as string) ? root + uri : undefined),
      );
      const follow = (link: string | undefined) => async (more?: RequestOptions) =>
        link ? pageAt(link, more) : undefined;
      return {
        // No array of calls (a missing or mistyped `calls`) throws: no usable answer.
        instances: json.calls.map(callFromJson),
        nextPageUrl,
        previousPageUrl,
        nextPage: follow(nextPageUrl),
        previousPage: follow(previousPageUrl),
      };
    });

  // Async, so that a refused filter rejects like every other failure.
  const page = async (params?: CallPageParams, options?: RequestOptions, operation = "page") => {
    const query = `${formOf(params, CALL_PAGE_RULES, `a parameter of calls.${operation}`)}`;
    return pageAt(`${callsUrl}.json${query && `?${query}`}`, options);
  };

  async function* iterate(
    { limit, ...filters }: CallListParams = {},
    options?: RequestOptions,
    operation = "list",
  ): AsyncGenerator<Call, void, undefined> {
    let left = limit ?? Infinity;
    if (limit !== undefined) {
      check("limit", limit, integer(1));
      // As the official package does: no more calls per page than wanted (Twilio's maximum is 1000).
      filters.pageSize ??= Math.min(limit, 1000);
    }
    for (
      let next: CallPage | undefined = await page(filters, options, operation);
      next;
      next = left > 0 ? await next.nextPage(options) : undefined
    ) {
      for (const call of next.instances) {
        if (left-- < 1) return;
        yield call;
      }
    }
  }

  const list = async (params?: CallListParams, options?: RequestOptions): Promise<Call[]> => {
    const calls: Call[] = [];
    for await (const call of iterate(params, options)) calls.push(call);
    return calls;
  };

  const each = (async (
    params: CallEachParams | CallEachCallback,
    callback?: CallEachCallback | RequestOptions,
    options?: RequestOptions,
  ) => {
    if (typeof params === "function") return each({}, params, callback as RequestOptions);
    const { callback: perCall = callback, done, ...rest } = params ?? {};
    check("callback", perCall, callable);
    let failure: unknown;
    let stopped: unknown;
    try {
      for await (const call of iterate(rest, options, "each")) {
        await (perCall as CallEachCallback)(call, (error) => {
          stopped = true;
          failure = error;
        });
        if (stopped) break;
      }
    } catch (error) {
      failure = error;
    }
    // As the official package does: `done` is told of the failure; without one, the promise rejects.
    if (done) done(failure);
    else if (failure) throw failure;
  }) as CallEach;

  return {
    page: (params?: CallPageParams, options?: RequestOptions) => page(params, options),
    list: Object.assign(list, {
      iterate: (params?: CallListParams, options?: RequestOptions) => iterate(params, options),
    }) as CallList,
    each,
  };
};
