// The request an Idempotency-Key came with, kept as a SHA-256 of its
// canonical JSON (keys sorted), never the body itself: a client's retry,
// which may write the same request with other spacing or key order, matches;
// another request does not. `stream` and `stream_options` only say how the
// answer is delivered, so a retry may wait for the same turn either way.
import { createHash } from "node:crypto";

import type { TChatCompletionRequest } from "./schemas";

const sortedKeys = (_key: string, value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

export function requestHash({ stream: _stream, stream_options: _options, ...request }: TChatCompletionRequest): string {
  return createHash("sha256").update(JSON.stringify(request, sortedKeys)).digest("hex");
}
