// Runs in the worker: claims a turn and reads everything needed to answer it
// in one round trip.
import { query, statement } from "../db/statement";
import type { TMessage, TToolCall } from "../providers/types";

type TMessageRow = { role: string; content: string; toolCalls: unknown; toolCallId: string | null; toolName: string | null };
type TClaimRow = {
  claimed: boolean;
  agent: { runtime: unknown; instructions: string; tools: string[] } | null;
  history: TMessageRow[] | null;
  ciphers: Array<{ id: string; keyCipher: string }> | null;
};

const HISTORY_LIMIT = 200;

// The turn moves from queued or running to running; a settled turn is not
// claimed, so a job delivered again stops here. The other parts read the
// snapshot the statement started from, and only when the claim succeeds:
// the agent, the conversation up to and including this turn's own messages,
// and the sealed keys of the agent's running chain.
const CLAIM = statement<TClaimRow>(
  "claim_turn",
  `WITH claimed AS (
     UPDATE turns SET state = 'running'
     WHERE id = $1 AND org_id = $2 AND agent_id = $3 AND conversation_id = $4 AND state IN ('queued', 'running')
     RETURNING id
   ),
   agent AS (
     SELECT runtime, instructions, tools FROM agents
     WHERE id = $3 AND org_id = $2 AND EXISTS (SELECT 1 FROM claimed)
   ),
   history AS (
     SELECT seq, role, content, tool_calls AS "toolCalls", tool_call_id AS "toolCallId", tool_name AS "toolName"
     FROM messages
     WHERE org_id = $2 AND conversation_id = $4 AND EXISTS (SELECT 1 FROM claimed)
     ORDER BY seq DESC LIMIT ${HISTORY_LIMIT}
   )
   SELECT
     EXISTS (SELECT 1 FROM claimed) AS claimed,
     (SELECT row_to_json(agent) FROM agent) AS agent,
     (SELECT json_agg(json_build_object('role', role, 'content', content, 'toolCalls', "toolCalls", 'toolCallId', "toolCallId", 'toolName', "toolName") ORDER BY seq) FROM history) AS history,
     (SELECT json_agg(json_build_object('id', c.id, 'keyCipher', c.key_cipher)) FROM credentials c, agent
      WHERE c.org_id = $2 AND c.id IN (SELECT jsonb_path_query(agent.runtime, 'lax $.links[*].credentialId') #>> '{}')) AS ciphers`,
);

export type TTurnScope = { orgId: string; agentId: string; conversationId: string };

export type TClaimedTurn = {
  agent: TClaimRow["agent"];
  history: TMessage[];
  // Sealed keys by credential id; opened only for the links that use them.
  ciphers: Map<string, string>;
};

// Null when the turn is not there to claim (settled already, or not in this scope).
export async function claimTurn(turnId: string, scope: TTurnScope): Promise<TClaimedTurn | null> {
  const [row] = await query(CLAIM, [turnId, scope.orgId, scope.agentId, scope.conversationId]);
  if (!row?.claimed) return null;
  return {
    agent: row.agent,
    history: (row.history ?? []).map(fromRow),
    ciphers: new Map((row.ciphers ?? []).map((c) => [c.id, c.keyCipher])),
  };
}

export function fromRow(row: TMessageRow): TMessage {
  if (row.role === "user") return { role: "user", content: row.content };
  if (row.role === "tool") return { role: "tool", content: row.content, toolCallId: row.toolCallId ?? "", toolName: row.toolName ?? "" };
  const toolCalls = Array.isArray(row.toolCalls) ? (row.toolCalls as TToolCall[]) : undefined;
  return { role: "assistant", content: row.content, ...(toolCalls?.length ? { toolCalls } : {}) };
}
