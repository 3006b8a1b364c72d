// The caller's Idempotency-Key header: the same request sent again with the
// same key (a client's retry after a lost answer) gets the turn the first one
// stored, instead of a second turn and a second answer. A key belongs to the
// API key that sent it, and to the request it first came with.
import { z } from "zod";

import { ApiError } from "./api-error";

const IDEMPOTENCY_HEADER = "idempotency-key";

// Room for a UUID, a ULID, base64 or a prefixed id; nothing that could be
// mistaken for another header or fill a row.
const ZIdempotencyKey = z.string().regex(/^[A-Za-z0-9._:+/=-]{1,255}$/, "Use 1 to 255 letters, digits or . _ : + / = -");
type TIdempotencyKey = z.infer<typeof ZIdempotencyKey>;

export function readIdempotencyKey(request: Request): TIdempotencyKey | undefined {
  const value = request.headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return undefined;
  const parsed = ZIdempotencyKey.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError(400, `Invalid 'Idempotency-Key' header: ${parsed.error.issues[0]?.message}.`, {
    type: "invalid_request_error",
    param: "Idempotency-Key",
    code: "invalid_value",
  });
}

// 422, as the IETF draft on the Idempotency-Key header says for a key reused
// with another request (and unlike 409, which OpenAI's clients would send
// again, unchanged, to the same refusal).
export const keyReused = () =>
  new ApiError(
    422,
    "This Idempotency-Key was already used with a different request. A retry must send exactly the first request's body; a new request needs a new key.",
    { type: "invalid_request_error", param: "Idempotency-Key", code: "idempotency_key_reused" },
  );
