import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createClient,
  TwilioApiError,
  TwilioError,
  TwilioNetworkError,
  TwilioTimeoutError,
  TwilioValidationError,
} from "../../src/index.js";
import {
  ACCOUNT_SID,
  API_KEY,
  API_SECRET,
  AUTH_TOKEN,
  callJson,
  jsonResponse,
  scriptedFetch,
} from "./fake-fetch.js";

const params = { to: "+15558675310", from: "+15017122661", url: "https://example.com/t" };
const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;

const failureOf = async (fetch: typeof globalThis.fetch, extra: object = {}) => {
  const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch, ...extra });
  return client.calls.create(params).then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as Error,
  );
};

afterEach(() => {
  vi.useRealTimers();
});

describe("TwilioApiError", () => {
  it("reads Twilio's classic body", async () => {
    const body = {
      code: 21211,
      message: "The 'To' number +1555 is not a valid phone number.",
      more_info: "https://www.twilio.com/docs/errors/21211",
      status: 400,
      details: { field: "To" },
    };
    const { fetch } = scriptedFetch(jsonResponse(body, 400));
    const error = (await failureOf(fetch)) as TwilioApiError;
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error).toBeInstanceOf(TwilioError);
    expect(error).toMatchObject({
      name: "TwilioApiError",
      status: 400,
      code: 21211,
      message: body.message,
      moreInfo: body.more_info,
      details: { field: "To" },
      method: "POST",
      path,
    });
  });

  it("reads an RFC 9457 problem body", async () => {
    const problem = {
      type: "https://www.twilio.com/docs/errors/20429",
      title: "Too Many Requests",
      status: 403,
      code: 20403,
      detail: "Permission to call this destination is not enabled.",
      instance: "/x",
    };
    const { fetch } = scriptedFetch(
      new Response(JSON.stringify(problem), {
        status: 403,
        headers: { "Content-Type": "application/problem+json" },
      }),
    );
    const error = (await failureOf(fetch)) as TwilioApiError;
    expect(error).toMatchObject({
      status: 403,
      code: 20403,
      message: problem.detail,
      moreInfo: problem.type,
    });
  });

  it.each([
    ["an empty body", ""],
    ["an HTML page", "<html><body>502 Bad Gateway</body></html>"],
    ["a JSON string", '"oops"'],
  ])("still has a useful message with %s", async (_, text) => {
    const { fetch } = scriptedFetch(new Response(text, { status: 502 }));
    const error = (await failureOf(fetch)) as TwilioApiError;
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("[HTTP 502] Failed to execute request");
  });

  it("a 200 answer that is not JSON is an error, not a call", async () => {
    const { fetch } = scriptedFetch(new Response("<html>hello</html>", { status: 200 }));
    const error = (await failureOf(fetch)) as TwilioApiError;
    expect(error).toBeInstanceOf(TwilioApiError);
    expect(error.status).toBe(200);
  });
});

describe("timeouts, aborts and network failures", () => {
  const hanging = () =>
    scriptedFetch(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        }),
    );

  it("an attempt that outlives timeout is a TwilioTimeoutError, not retried", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = hanging();
    const failure = failureOf(fetch, { timeout: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await failure;
    expect(error).toBeInstanceOf(TwilioTimeoutError);
    expect(error.message).toBe(`POST ${path} timed out after 5000 ms`);
    expect(requests).toHaveLength(1);
  });

  it("the per-request timeout overrides the client's, even when fetch ignores its signal", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(() => new Promise<Response>(() => {}));
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const failure = client.calls.create(params, { timeout: 100 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(await failure).toBeInstanceOf(TwilioTimeoutError);
  });

  it("the default timeout is 30 seconds", async () => {
    vi.useFakeTimers();
    const { fetch } = hanging();
    let settled = false;
    const failure = failureOf(fetch).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await failure).toBeInstanceOf(TwilioTimeoutError);
  });

  it("an abort rejects at once with the signal's reason and is never retried", async () => {
    // The abort comes once the request is in flight: fetch has it, and never answers.
    let inFlight = () => {};
    const sent = new Promise<void>((resolve) => {
      inFlight = resolve;
    });
    const { fetch, requests } = scriptedFetch(() => {
      inFlight();
      return new Promise<Response>(() => {});
    });
    const controller = new AbortController();
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const failure = client.calls
      .create(params, { signal: controller.signal })
      .catch((e: unknown) => e);
    await sent;
    const reason = new Error("user left the page");
    controller.abort(reason);
    expect(await failure).toBe(reason);
    expect(requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { fetch, requests } = scriptedFetch(jsonResponse(callJson()));
    const client = createClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch });
    const reason = new Error("gone");
    await expect(client.calls.create(params, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(requests).toHaveLength(0);
  });

  it("a failing fetch is a TwilioNetworkError with the cause, never retried", async () => {
    const cause = new TypeError("fetch failed");
    const { fetch, requests } = scriptedFetch(cause);
    const error = await failureOf(fetch);
    expect(error).toBeInstanceOf(TwilioNetworkError);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain(`POST ${path}`);
    expect(requests).toHaveLength(1);
  });
});

describe("no secret ever appears in an error", () => {
  const sipPassword = "sip-password-secret-42";
  const secrets = [AUTH_TOKEN, API_SECRET, sipPassword];

  const everyError = async () => {
    const errors: unknown[] = [];
    const answers = [
      jsonResponse({ code: 20003, message: "Authenticate", status: 401 }, 401),
      new Response("<html>oops</html>", { status: 500 }),
      new TypeError("fetch failed"),
    ];
    for (const credentials of [
      { authToken: AUTH_TOKEN },
      { apiKey: API_KEY, apiSecret: API_SECRET },
    ]) {
      for (const answer of answers) {
        const { fetch } = scriptedFetch(answer);
        const client = createClient({
          accountSid: ACCOUNT_SID,
          fetch,
          maxRetries: 0,
          ...credentials,
        });
        errors.push(
          await client.calls
            .create({ ...params, sipAuthUsername: "bob", sipAuthPassword: sipPassword })
            .catch((e: unknown) => e),
        );
      }
      errors.push(
        await createClient({ accountSid: ACCOUNT_SID, ...credentials })
          .calls.create({ ...params, sipAuthPassword: 7 as unknown as string })
          .catch((e: unknown) => e),
      );
    }
    errors.push(
      (() => {
        try {
          createClient({ accountSid: API_SECRET, authToken: AUTH_TOKEN });
        } catch (error) {
          return error;
        }
      })(),
    );
    return errors;
  };

  it("in message, toString(), JSON, or any own property", async () => {
    const errors = await everyError();
    expect(errors).toHaveLength(9);
    for (const error of errors) {
      expect(error).toBeInstanceOf(TwilioError);
      const shown = [
        String(error),
        (error as Error).message,
        JSON.stringify(error),
        JSON.stringify(Object.getOwnPropertyDescriptors(error)),
        (error as Error).stack ?? "",
      ].join("\n");
      for (const secret of secrets) expect(shown).not.toContain(secret);
      expect(shown).not.toMatch(/Basic [A-Za-z0-9+/=]{20,}/);
    }
  });

  it("validation errors name the class", async () => {
    const errors = await everyError();
    const validation = errors.filter((error) => error instanceof TwilioValidationError);
    expect(errors.some((error) => error instanceof TwilioValidationError)).toBe(true);
    expect(validation).toHaveLength(3);
    for (const error of validation) {
      expect(error).toMatchObject({ name: "TwilioValidationError" });
      expect(String(error)).toMatch(/^TwilioValidationError: (sipAuthPassword|accountSid): /);
    }
  });
});
