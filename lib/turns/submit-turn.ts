import { randomUUID } from "node:crypto";

import { db } from "../db/client";
import { execute, statement } from "../db/statement";
import { AppError, notFound } from "../errors";
import type { TMessage } from "../providers/types";
import type { TCallerOptions } from "./caller-options";
import { enqueueStored } from "./enqueue-stored";
import { insertMessages, messagesJson } from "./message-rows";
import { isKeyTaken, replayTurn, type TIdempotency } from "./replay-turn";

type TSubmit = {
  orgId: string;
  agentId: string;
  userId?: string | null;
  source: "chat" | "api";
  // Chosen by the caller when it must watch the turn before it exists.
  turnId?: string;
  // Continue this conversation, or start a new one.
  conversationId?: string | null;
  // New messages for this turn: the user's, or results of tool calls the
  // agent's last answer handed back to an API caller.
  messages: TMessage[];
  // An API caller's tools and parameters for this turn.
  callerOptions?: TCallerOptions;
  // The agent API key of the request that made it (an API turn).
  apiKeyId?: string;
  // An API caller's Idempotency-Key and the hash of its request: a turn the
  // same key stored already is returned (replayed) instead of a new one.
  idempotency?: TIdempotency;
};

// `replayed`: the turn a request with the same Idempotency-Key stored before.
export type TSubmitted = { id: string; conversationId: string; enqueued: boolean; replayed: boolean };

// Persist first, enqueue second (enqueue-stored.ts says what happens to a
// turn accepted while Redis is down).
export async function submitTurn(input: TSubmit): Promise<TSubmitted> {
  const last = input.messages.at(-1);
  if (!last || last.role === "assistant")
    throw new AppError("INVALID_INPUT", "The last message must be the user's or a tool result", { messages: "End with a user message or tool results" });
  const title = input.messages.findLast((m) => m.role === "user")?.content.slice(0, 80) ?? "Tool results";
  const conversationId = input.conversationId ?? randomUUID();
  const turn = { id: input.turnId ?? randomUUID(), conversationId };
  // One statement, one round trip: the conversation, the turn and its
  // messages are written only if the agent (of this organization) accepts
  // turns. Nothing written means something was refused; only then do we
  // read why, so the common path pays for no extra query.
  const messages = messagesJson(input.messages);
  const options = input.callerOptions ? JSON.stringify(input.callerOptions) : null;
  const { apiKeyId = null, idempotency } = input;
  const common = [input.agentId, input.orgId, conversationId, turn.id, messages, options, idempotency?.key ?? null, apiKeyId, idempotency?.requestHash ?? null];
  // The unique key makes a second request with the same Idempotency-Key
  // fail as a whole (no conversation, no message written): it gets the
  // stored turn instead.
  let written: number;
  try {
    written = input.conversationId
      ? await execute(CONTINUE_CONVERSATION, common)
      : await execute(START_CONVERSATION, [...common, input.source, title, input.userId ?? null]);
  } catch (error) {
    if (apiKeyId && idempotency && isKeyTaken(error)) return replayTurn({ orgId: input.orgId, apiKeyId, idempotency });
    throw error;
  }
  if (written === 0) await explainRefusal(input);
  const enqueued = await enqueueStored({ turnId: turn.id, orgId: input.orgId, source: input.source });
  return { ...turn, enqueued, replayed: false };
}

// $1 agent, $2 organization, $3 conversation, $4 turn, $5 messages as JSON,
// $6 the caller's options as JSON (or null), $7 the Idempotency-Key, $8 the
// API key, $9 the request's hash (each or null), then for a new
// conversation $10 source, $11 title, $12 the user who wrote.
function insertTurn(name: string, conversation: string) {
  return statement<never>(
    name,
    `WITH agent AS (
       SELECT id FROM agents WHERE id = $1 AND org_id = $2 AND status IN ('running', 'starting') AND running_version IS NOT NULL
     ),
     conversation AS (${conversation}),
     turn AS (
       INSERT INTO turns (id, org_id, agent_id, conversation_id, caller_options, idempotency_key, api_key_id, request_hash)
       SELECT $4, $2, agent.id, conversation.id, $6::jsonb, $7, $8, $9 FROM agent, conversation
       RETURNING id
     )
     ${insertMessages({ orgId: "$2", conversationId: "$3", json: "$5" })}`,
  );
}

const START_CONVERSATION = insertTurn(
  "insert_turn_new_conversation",
  `INSERT INTO conversations (id, org_id, agent_id, source, title, created_by_id, updated_at)
   SELECT $3, $2, agent.id, $10::"TurnSource", $11, $12, now() FROM agent
   RETURNING id`,
);

const CONTINUE_CONVERSATION = insertTurn(
  "insert_turn_continued_conversation",
  `UPDATE conversations SET updated_at = now()
   WHERE id = $3 AND org_id = $2 AND agent_id = $1 AND EXISTS (SELECT 1 FROM agent)
   RETURNING id`,
);

// Why nothing was written, in words the caller can act on.
async function explainRefusal(input: TSubmit): Promise<never> {
  const agent = await db.agent.findFirst({
    where: { id: input.agentId, orgId: input.orgId },
    select: { status: true, runningVersion: true, statusMessage: true },
  });
  if (!agent) throw notFound("Agent not found");
  if (agent.status === "stopped" || agent.status === "stopping") throw new AppError("CONFLICT", "Agent is stopped");
  if (agent.runningVersion === null) throw new AppError("CONFLICT", "Agent has not been started");
  if (agent.status === "error") throw new AppError("CONFLICT", `Agent has an error: ${agent.statusMessage ?? "restart it"}`);
  if (input.conversationId) throw new AppError("NOT_FOUND", "Conversation not found", { conversationId: "No conversation of this agent has this id" });
  throw new AppError("CONFLICT", "Agent is not accepting messages right now");
}
