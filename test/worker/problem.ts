import { expect } from "vitest";
import type { ProxyResponse } from "./harness.js";

/** Asserts an RFC 9457 problem (`type`, `title`, `status`, `detail`) with the response's status. */
export const expectProblem = (
  response: ProxyResponse,
  status?: number,
): Record<string, unknown> => {
  if (status !== undefined) expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = response.json();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:twilio-edge-calls:problem:[a-z0-9_]+$/),
    title: expect.any(String),
    status: response.status,
    detail: expect.any(String),
    code: expect.any(String),
  });
  return body;
};

/** Asserts a refusal: a 4xx problem (never a 5xx, never a 2xx). */
export const expectClientProblem = (response: ProxyResponse): Record<string, unknown> => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  return expectProblem(response);
};
