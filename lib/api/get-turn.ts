// GET /api/v1/turns/{id}: a turn the API key made, told as its POST would
// have told it, for a caller whose wait for the answer failed (the error
// named the turn): the chat.completion once answered, the same error once
// failed, 202 with its state while it is queued or running.
import { z } from "zod";

import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { query, statement } from "../db/statement";
import { API_TURN_COLUMNS, type TSettledTurn } from "../turns/wait-for-turn";
import { afterStored, API_CACHE_CONTROL, ApiError, errorResponse } from "./api-error";
import { completionResponse } from "./completion-response";
import { turnFailure } from "./create-chat-completion";

type TApiTurn = Omit<TSettledTurn, "state"> & { state: "queued" | "running" | TSettledTurn["state"] };

// Scoped to the key: a turn another key made (of the same agent too), a
// Chat-tab turn, or another organization's, is not found.
const READ_TURN = statement<TApiTurn>("read_api_turn", `SELECT ${API_TURN_COLUMNS} FROM turns WHERE id = $1 AND org_id = $2 AND api_key_id = $3`);

// The turn id, or the chat.completion id the answer carried.
const ZTurnId = z
  .string()
  .regex(/^(chatcmpl-)?[A-Za-z0-9_-]{1,64}$/)
  .transform((id) => id.replace(/^chatcmpl-/, ""));

const turnNotFound = (id: string) =>
  new ApiError(404, `No turn '${id}' made with this API key.`, { type: "invalid_request_error", param: "id", code: "not_found" });

// Between two polls a queued or running turn needs about this long.
const POLL_AFTER_SECONDS = 2;

export async function turnResponse({ caller, id }: { caller: Pick<TApiCaller, "orgId" | "keyId" | "agentSlug">; id: string }): Promise<Response> {
  const parsed = ZTurnId.safeParse(id);
  if (!parsed.success) throw turnNotFound(id);
  const [turn] = await query(READ_TURN, [parsed.data, caller.orgId, caller.keyId]);
  if (!turn) throw turnNotFound(id);
  if (turn.state === "answered") return completionResponse({ turn: { ...turn, state: turn.state }, model: caller.agentSlug });
  if (turn.state === "failed") return errorResponse(afterStored(turnFailure(turn), turn.id));
  const body = { id: turn.id, object: "turn", state: turn.state, conversation_id: turn.conversationId, created: turn.created };
  return Response.json(body, { status: 202, headers: { "cache-control": API_CACHE_CONTROL, "retry-after": String(POLL_AFTER_SECONDS) } });
}
