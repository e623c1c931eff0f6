/** What the client's `onResponse` hook learns of each answer: nothing secret, no body. */
export type ResponseInfo = {
  /** The request's HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** The request's path, without host or query. */
  path: string;
  /** The HTTP status of the answer. */
  status: number;
  /** Twilio's id of the request (its `Twilio-Request-Id` header), if the answer carried one. */
  requestId: string | undefined;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds from sending the request to having read the whole answer. */
  durationMs: number;
};
