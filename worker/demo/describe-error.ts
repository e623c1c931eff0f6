import { ProxyError, TwilioValidationError } from "../../src/proxy-client/index.js";

/** A failure as the page shows it: a short title and what to do about it. */
export type ErrorText = { title: string; detail: string };

/**
 * Turns what the proxy client threw into words for the page: the proxy's problem (title and
 * detail, such as a refused country), a local validation error, or a network failure.
 */
export const describeError = (error: unknown): ErrorText => {
  if (error instanceof ProxyError) {
    if (error.status === 0) {
      return { title: "The proxy could not be reached", detail: "Is npm start still running?" };
    }
    const code = error.code === undefined ? "" : ` (${error.code})`;
    return { title: `${error.title}${code}`, detail: error.detail };
  }
  if (error instanceof TwilioValidationError) {
    return { title: "Check the form", detail: error.message };
  }
  return {
    title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error),
  };
};
