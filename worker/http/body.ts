import { fail } from "./problem.js";

/** Largest JSON body `POST /v1/calls` accepts; a real one is under 100 bytes. */
export const MAX_BODY_BYTES = 4096;

/** Reads at most `limit` bytes of the body; more is a 413, whatever Content-Length claimed. */
export const readCapped = async (request: Request, limit: number): Promise<string> => {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  const tooLarge = () =>
    fail(413, "body_too_large", "Body too large", `The body may be at most ${limit} bytes.`);
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
};

/** The request's JSON object body: 415 unless JSON, 413 past `limit` bytes, 400 unless an object. */
export const readJsonObject = async (
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<Record<string, unknown>> => {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw fail(
      415,
      "unsupported_media_type",
      "Unsupported media type",
      "Send the body as `Content-Type: application/json`.",
    );
  }
  const text = await readCapped(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail(400, "malformed_json", "Malformed JSON", "The body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw fail(
      400,
      "body_not_object",
      "Body must be an object",
      'The body must be a JSON object such as {"to": "+14155552671"}.',
    );
  }
  return value as Record<string, unknown>;
};
