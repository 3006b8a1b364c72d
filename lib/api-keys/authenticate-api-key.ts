import { DEFAULT_TURN_BUDGET_MS } from "../agents/runtime";
import type { TCallerSystemPolicy } from "../agents/schemas";
import { query, statement } from "../db/statement";
import { hashApiKey, isApiKeyFormat } from "./key-material";

// turnBudgetMs: how long the agent's running configuration lets a turn take,
// so the API knows how long an answer may be worth waiting for.
// callerParams and callerSystem: what the agent accepts from callers (the API
// tab), read from the agent row itself, so a change applies without a restart.
export type TApiCaller = {
  orgId: string;
  agentId: string;
  agentSlug: string;
  keyId: string;
  turnBudgetMs: number;
  callerParams: boolean;
  callerSystem: TCallerSystemPolicy;
};

// One round trip on every API request: find the live key with its agent, and
// record "last used". That is for people, so minute precision is plenty and
// the update matches no row on all but one request a minute; its condition
// also keeps concurrent requests from all writing.
const AUTHENTICATE = statement<TApiCaller>(
  "authenticate_api_key",
  `WITH key AS (
     SELECT k.id, k.org_id, k.agent_id, a.slug, a.runtime->>'turnBudgetMs' AS turn_budget_ms,
       a.caller_params, a.caller_system::text AS caller_system
     FROM agent_api_keys k JOIN agents a ON a.id = k.agent_id AND a.org_id = k.org_id
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL
   ),
   touched AS (
     UPDATE agent_api_keys SET last_used_at = now() FROM key
     WHERE agent_api_keys.id = key.id AND agent_api_keys.org_id = key.org_id
       AND (agent_api_keys.last_used_at IS NULL OR agent_api_keys.last_used_at < now() - interval '1 minute')
   )
   SELECT org_id AS "orgId", agent_id AS "agentId", slug AS "agentSlug", id AS "keyId",
     COALESCE(turn_budget_ms::int, ${DEFAULT_TURN_BUDGET_MS}) AS "turnBudgetMs",
     caller_params AS "callerParams", caller_system AS "callerSystem"
   FROM key`,
);

// Resolves the tenant from a raw key; null for anything that is not a live
// key, so callers cannot tell unknown from revoked.
export async function authenticateApiKey(rawKey: string): Promise<TApiCaller | null> {
  if (!isApiKeyFormat(rawKey)) return null;
  const [caller] = await query(AUTHENTICATE, [hashApiKey(rawKey)]);
  return caller ?? null;
}
