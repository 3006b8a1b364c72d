// Runs in the worker: claims a turn and reads everything needed to answer it
// in one round trip.
import type { TAgentScope } from "../agents/agent-scope";
import { query, statement } from "../db/statement";
import type { TMessage } from "../providers/types";
import { fromRow, type TMessageRow } from "./message-rows";

type TClaimRow = {
  turn: (TTurnScope & { callerOptions: unknown }) | null;
  resumed: boolean | null;
  agent: { runtime: unknown; instructions: string; tools: string[] } | null;
  history: TMessageRow[] | null;
  ciphers: Array<{ id: string; keyCipher: string }> | null;
};

const HISTORY_LIMIT = 200;
// Images travel as data URLs of up to 1 MB a request; only the latest few
// user messages keep theirs, or a long conversation of pictures would load
// (and send) hundreds of megabytes on every turn.
export const IMAGE_MESSAGES_SENT = 4;

// The turn moves from queued or running to running; a settled turn is not
// claimed, so a job delivered again stops here. The other parts read the
// snapshot the statement started from, and only when the claim succeeds:
// the agent, the conversation up to and including this turn's own messages,
// and the sealed keys of the agent's running chain. They follow the claimed
// row's agent and conversation, so the turn is found by its primary key
// alone (with its organization): given the agent too, PostgreSQL picked the
// (org, agent, time) index whenever its statistics lagged, and each claim
// then walked every turn of the agent. `before` is the state it was claimed
// from, read in the same snapshot: "running" means an earlier run began it.
// Each claim restarts `started_at`, as each run has the whole turn budget:
// the reconciler settles a turn still running long past it.
const CLAIM = statement<TClaimRow>(
  "claim_turn",
  `WITH before AS (
     SELECT state FROM turns WHERE id = $1 AND org_id = $2
   ),
   claimed AS (
     UPDATE turns SET state = 'running', started_at = now()
     WHERE id = $1 AND org_id = $2 AND state IN ('queued', 'running')
     RETURNING org_id, agent_id, conversation_id, caller_options
   ),
   agent AS (
     SELECT a.runtime, a.instructions, a.tools FROM agents a, claimed
     WHERE a.id = claimed.agent_id AND a.org_id = claimed.org_id
   ),
   history AS (
     SELECT m.seq, m.role, m.content, m.tool_calls AS "toolCalls", m.tool_call_id AS "toolCallId", m.tool_name AS "toolName", m.images
     FROM messages m, claimed
     WHERE m.org_id = claimed.org_id AND m.conversation_id = claimed.conversation_id
     ORDER BY m.seq DESC LIMIT ${HISTORY_LIMIT}
   ),
   shown AS (
     SELECT h.*, count(h.images) OVER (ORDER BY h.seq DESC) AS images_since FROM history h
   )
   SELECT
     (SELECT json_build_object('orgId', org_id, 'agentId', agent_id, 'conversationId', conversation_id, 'callerOptions', caller_options) FROM claimed) AS turn,
     (SELECT state = 'running' FROM before) AS resumed,
     (SELECT row_to_json(agent) FROM agent) AS agent,
     (SELECT json_agg(json_build_object('role', role, 'content', content, 'toolCalls', "toolCalls", 'toolCallId', "toolCallId", 'toolName', "toolName",
       'images', CASE WHEN images_since <= ${IMAGE_MESSAGES_SENT} THEN images END) ORDER BY seq) FROM shown) AS history,
     (SELECT json_agg(json_build_object('id', c.id, 'keyCipher', c.key_cipher)) FROM credentials c, agent
      WHERE c.org_id = $2 AND c.id IN (SELECT jsonb_path_query(agent.runtime, 'lax $.links[*].credentialId') #>> '{}')) AS ciphers`,
);

type TTurnScope = TAgentScope & { conversationId: string };

type TClaimedTurn = {
  // Where the turn belongs, as stored.
  scope: TTurnScope;
  // The API caller's tools and parameters, as stored (parsed by the caller).
  callerOptions: unknown;
  // Another run had claimed it already (its worker died): the caller may
  // have part of the answer.
  resumed: boolean;
  agent: TClaimRow["agent"];
  history: TMessage[];
  // Sealed keys by credential id; opened only for the links that use them.
  ciphers: Map<string, string>;
};

// Null when the turn is not there to claim (settled already, or not in this organization).
export async function claimTurn({ turnId, orgId }: { turnId: string; orgId: string }): Promise<TClaimedTurn | null> {
  const [row] = await query(CLAIM, [turnId, orgId]);
  if (!row?.turn) return null;
  const { callerOptions, ...scope } = row.turn;
  return {
    scope,
    callerOptions,
    resumed: row.resumed === true,
    agent: row.agent,
    history: (row.history ?? []).map(fromRow),
    ciphers: new Map((row.ciphers ?? []).map((c) => [c.id, c.keyCipher])),
  };
}
